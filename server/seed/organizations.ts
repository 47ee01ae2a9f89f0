/**
 * The alliance's members. The first six are named in the seed article (industry codes are our
 * best reading of their public business lines); the rest are clearly marked fictional
 * placeholders so the demo has the article's 25 members.
 */
export interface SeedOrganization {
  name: string;
  nameEn: string;
  industry: string;
  description: string;
  fictional: boolean;
}

const named: SeedOrganization[] = [
  { name: '先行集团', nameEn: 'Xianxing Group', industry: '3752', description: '金山区域两新党委书记单位，区域党群服务中心所在地。', fictional: false },
  { name: '浙江哈尔斯真空器皿股份有限公司', nameEn: 'Zhejiang Haers Vacuum Containers Co., Ltd.', industry: '3381', description: '真空保温器皿的研发与制造。', fictional: false },
  { name: '泰空控股集团', nameEn: 'Taikong Holding Group', industry: '3670', description: '金山区域两新党委成员单位。', fictional: false },
  { name: '王力集团', nameEn: 'Wangli Group', industry: '3312', description: '安全门与门窗制品制造。', fictional: false },
  { name: '浙江三锋工具有限公司', nameEn: 'Zhejiang Sanfeng Tools Co., Ltd.', industry: '3321', description: '工具制造企业。', fictional: false },
  { name: '浙江恒稳工贸有限公司', nameEn: 'Zhejiang Hengwen Industry & Trade Co., Ltd.', industry: '3322', description: '工贸一体企业。', fictional: false },
];

const placeholderIndustries = ['3381', '3382', '3321', '3322', '3312', '3670', '3751', '292', '6513', '6560', '7491', '3323', '3752', '651', '338', '332', '367', '331', '6511'];

const placeholders: SeedOrganization[] = placeholderIndustries.map((industry, i) => {
  const n = String(i + 1).padStart(2, '0');
  return {
    name: `金山示例成员单位${n}（虚构）`,
    nameEn: `Jinshan Sample Member ${n} (fictional)`,
    industry,
    description: '演示用的虚构成员单位，非真实企业。',
    fictional: true,
  };
});

/** 25 members in all: 6 named in the article and 19 placeholders. */
export const SEED_ORGANIZATIONS: SeedOrganization[] = [...named, ...placeholders];
