/**
 * The Chinese national industry classification GB/T 4754-2017 (国民经济行业分类) and the
 * industry-proximity grade that matching uses ("根据行业相近原则").
 *
 * The standard has four levels: 门类 section (a letter A–T), 大类 division (2 digits),
 * 中类 group (3 digits) and 小类 class (4 digits). A division belongs to exactly one
 * section, so digit codes carry their section implicitly; callers may still write the
 * letter in front ('C3381'), and every function here accepts both spellings.
 *
 * All 20 sections and all 97 divisions are listed. Groups and classes are a subset: the
 * ones the alliance's organisations and their advisors need (metal products, tools,
 * vehicles, plastics, textiles, software, consulting, design …). Every code listed was
 * checked against the 2017 edition; codes we could not confirm are left out rather than
 * guessed. A group whose only class carries the same name (367 / 3670) is listed at
 * both levels, as the standard does.
 *
 * Isomorphic and zod-free: imported by the server, the client and the matching hot path alike
 * (the payload schema `IndustryCode` is in ./industry, so the browser never loads zod).
 */
/** The four levels of GB/T 4754: 门类, 大类, 中类, 小类. */
export type IndustryLevel = 'section' | 'division' | 'group' | 'class';

/** The UI locales that industry names exist in. */
export type IndustryLocale = 'zh-CN' | 'en';

/** One entry of the classification. */
export interface IndustryNode {
  /** Canonical code: a section letter ('C') or 2–4 digits without the letter ('3381'). */
  readonly code: string;
  readonly level: IndustryLevel;
  /** Code of the enclosing node; null for a section. */
  readonly parent: string | null;
  /** Section letter this node belongs to (itself for a section). */
  readonly section: string;
  readonly nameZh: string;
  readonly nameEn: string;
}

/** One Element Plus cascader option; leaves have no `children` key. */
export interface IndustryOption {
  value: string;
  label: string;
  children?: IndustryOption[];
}

// [letter, 中文, English, first division, last division]
type SectionRow = readonly [string, string, string, number, number];
// [code, 中文, English]
type Row = readonly [string, string, string];

const SECTIONS: readonly SectionRow[] = [
  ['A', '农、林、牧、渔业', 'Agriculture, forestry, animal husbandry and fishery', 1, 5],
  ['B', '采矿业', 'Mining', 6, 12],
  ['C', '制造业', 'Manufacturing', 13, 43],
  ['D', '电力、热力、燃气及水生产和供应业', 'Production and supply of electricity, heat, gas and water', 44, 46],
  ['E', '建筑业', 'Construction', 47, 50],
  ['F', '批发和零售业', 'Wholesale and retail trade', 51, 52],
  ['G', '交通运输、仓储和邮政业', 'Transport, storage and postal services', 53, 60],
  ['H', '住宿和餐饮业', 'Accommodation and catering', 61, 62],
  ['I', '信息传输、软件和信息技术服务业', 'Information transmission, software and information technology services', 63, 65],
  ['J', '金融业', 'Finance', 66, 69],
  ['K', '房地产业', 'Real estate', 70, 70],
  ['L', '租赁和商务服务业', 'Leasing and business services', 71, 72],
  ['M', '科学研究和技术服务业', 'Scientific research and technical services', 73, 75],
  ['N', '水利、环境和公共设施管理业', 'Water conservancy, environment and public facilities management', 76, 79],
  ['O', '居民服务、修理和其他服务业', 'Resident services, repair and other services', 80, 82],
  ['P', '教育', 'Education', 83, 83],
  ['Q', '卫生和社会工作', 'Health and social work', 84, 85],
  ['R', '文化、体育和娱乐业', 'Culture, sports and entertainment', 86, 90],
  ['S', '公共管理、社会保障和社会组织', 'Public administration, social security and social organisations', 91, 96],
  ['T', '国际组织', 'International organisations', 97, 97],
];

const DIVISIONS: readonly Row[] = [
  ['01', '农业', 'Agriculture'],
  ['02', '林业', 'Forestry'],
  ['03', '畜牧业', 'Animal husbandry'],
  ['04', '渔业', 'Fishery'],
  ['05', '农、林、牧、渔专业及辅助性活动', 'Professional and support activities for agriculture, forestry, animal husbandry and fishery'],
  ['06', '煤炭开采和洗选业', 'Mining and washing of coal'],
  ['07', '石油和天然气开采业', 'Extraction of petroleum and natural gas'],
  ['08', '黑色金属矿采选业', 'Mining and processing of ferrous metal ores'],
  ['09', '有色金属矿采选业', 'Mining and processing of non-ferrous metal ores'],
  ['10', '非金属矿采选业', 'Mining and processing of non-metallic minerals'],
  ['11', '开采专业及辅助性活动', 'Professional and support activities for mining'],
  ['12', '其他采矿业', 'Other mining'],
  ['13', '农副食品加工业', 'Processing of food from agricultural products'],
  ['14', '食品制造业', 'Manufacture of food products'],
  ['15', '酒、饮料和精制茶制造业', 'Manufacture of liquor, beverages and refined tea'],
  ['16', '烟草制品业', 'Manufacture of tobacco products'],
  ['17', '纺织业', 'Manufacture of textiles'],
  ['18', '纺织服装、服饰业', 'Manufacture of textile garments and apparel accessories'],
  ['19', '皮革、毛皮、羽毛及其制品和制鞋业', 'Manufacture of leather, fur, feather and related products, and footwear'],
  ['20', '木材加工和木、竹、藤、棕、草制品业', 'Processing of timber; manufacture of wood, bamboo, rattan, palm and straw products'],
  ['21', '家具制造业', 'Manufacture of furniture'],
  ['22', '造纸和纸制品业', 'Manufacture of paper and paper products'],
  ['23', '印刷和记录媒介复制业', 'Printing and reproduction of recording media'],
  ['24', '文教、工美、体育和娱乐用品制造业', 'Manufacture of articles for culture, education, arts and crafts, sports and entertainment'],
  ['25', '石油、煤炭及其他燃料加工业', 'Processing of petroleum, coal and other fuels'],
  ['26', '化学原料和化学制品制造业', 'Manufacture of chemical raw materials and chemical products'],
  ['27', '医药制造业', 'Manufacture of medicines'],
  ['28', '化学纤维制造业', 'Manufacture of chemical fibres'],
  ['29', '橡胶和塑料制品业', 'Manufacture of rubber and plastic products'],
  ['30', '非金属矿物制品业', 'Manufacture of non-metallic mineral products'],
  ['31', '黑色金属冶炼和压延加工业', 'Smelting and pressing of ferrous metals'],
  ['32', '有色金属冶炼和压延加工业', 'Smelting and pressing of non-ferrous metals'],
  ['33', '金属制品业', 'Manufacture of metal products'],
  ['34', '通用设备制造业', 'Manufacture of general-purpose machinery'],
  ['35', '专用设备制造业', 'Manufacture of special-purpose machinery'],
  ['36', '汽车制造业', 'Manufacture of automobiles'],
  ['37', '铁路、船舶、航空航天和其他运输设备制造业', 'Manufacture of railway, ship, aerospace and other transport equipment'],
  ['38', '电气机械和器材制造业', 'Manufacture of electrical machinery and equipment'],
  ['39', '计算机、通信和其他电子设备制造业', 'Manufacture of computers, communication and other electronic equipment'],
  ['40', '仪器仪表制造业', 'Manufacture of measuring instruments and meters'],
  ['41', '其他制造业', 'Other manufacturing'],
  ['42', '废弃资源综合利用业', 'Comprehensive utilisation of waste resources'],
  ['43', '金属制品、机械和设备修理业', 'Repair of metal products, machinery and equipment'],
  ['44', '电力、热力生产和供应业', 'Production and supply of electricity and heat'],
  ['45', '燃气生产和供应业', 'Production and supply of gas'],
  ['46', '水的生产和供应业', 'Production and supply of water'],
  ['47', '房屋建筑业', 'Construction of buildings'],
  ['48', '土木工程建筑业', 'Civil engineering'],
  ['49', '建筑安装业', 'Building installation'],
  ['50', '建筑装饰、装修和其他建筑业', 'Building decoration, renovation and other construction'],
  ['51', '批发业', 'Wholesale trade'],
  ['52', '零售业', 'Retail trade'],
  ['53', '铁路运输业', 'Rail transport'],
  ['54', '道路运输业', 'Road transport'],
  ['55', '水上运输业', 'Water transport'],
  ['56', '航空运输业', 'Air transport'],
  ['57', '管道运输业', 'Pipeline transport'],
  ['58', '多式联运和运输代理业', 'Multimodal transport and transport agencies'],
  ['59', '装卸搬运和仓储业', 'Loading, handling and warehousing'],
  ['60', '邮政业', 'Postal services'],
  ['61', '住宿业', 'Accommodation'],
  ['62', '餐饮业', 'Catering'],
  ['63', '电信、广播电视和卫星传输服务', 'Telecommunications, radio and television, and satellite transmission services'],
  ['64', '互联网和相关服务', 'Internet and related services'],
  ['65', '软件和信息技术服务业', 'Software and information technology services'],
  ['66', '货币金融服务', 'Monetary and financial services'],
  ['67', '资本市场服务', 'Capital market services'],
  ['68', '保险业', 'Insurance'],
  ['69', '其他金融业', 'Other financial services'],
  ['70', '房地产业', 'Real estate'],
  ['71', '租赁业', 'Leasing'],
  ['72', '商务服务业', 'Business services'],
  ['73', '研究和试验发展', 'Research and experimental development'],
  ['74', '专业技术服务业', 'Professional technical services'],
  ['75', '科技推广和应用服务业', 'Technology promotion and application services'],
  ['76', '水利管理业', 'Water conservancy management'],
  ['77', '生态保护和环境治理业', 'Ecological protection and environmental governance'],
  ['78', '公共设施管理业', 'Public facilities management'],
  ['79', '土地管理业', 'Land management'],
  ['80', '居民服务业', 'Resident services'],
  ['81', '机动车、电子产品和日用产品修理业', 'Repair of motor vehicles, electronic products and household goods'],
  ['82', '其他服务业', 'Other services'],
  ['83', '教育', 'Education'],
  ['84', '卫生', 'Health'],
  ['85', '社会工作', 'Social work'],
  ['86', '新闻和出版业', 'News and publishing'],
  ['87', '广播、电视、电影和录音制作业', 'Radio, television, film and sound recording production'],
  ['88', '文化艺术业', 'Culture and arts'],
  ['89', '体育', 'Sports'],
  ['90', '娱乐业', 'Entertainment'],
  ['91', '中国共产党机关', 'Organs of the Communist Party of China'],
  ['92', '国家机构', 'State organs'],
  ['93', '人民政协、民主党派', 'CPPCC and democratic parties'],
  ['94', '社会保障', 'Social security'],
  ['95', '群众团体、社会团体和其他成员组织', 'Mass organisations, social organisations and other membership organisations'],
  ['96', '基层群众自治组织及其他组织', 'Grassroots self-governing organisations and other organisations'],
  ['97', '国际组织', 'International organisations'],
];

// 中类 (3 digits) and 小类 (4 digits); each parent must appear before its children.
const GROUPS_AND_CLASSES: readonly Row[] = [
  ['171', '棉纺织及印染精加工', 'Cotton spinning, weaving, printing and dyeing'],
  ['1711', '棉纺纱加工', 'Cotton spinning'],
  ['1712', '棉织造加工', 'Cotton weaving'],
  ['1713', '棉印染精加工', 'Cotton printing, dyeing and finishing'],
  ['177', '家用纺织制成品制造', 'Manufacture of household textile articles'],
  ['1771', '床上用品制造', 'Manufacture of bedding'],
  ['1772', '毛巾类制品制造', 'Manufacture of towels'],
  ['1773', '窗帘、布艺类产品制造', 'Manufacture of curtains and fabric furnishings'],
  ['1779', '其他家用纺织制成品制造', 'Manufacture of other household textile articles'],
  ['178', '产业用纺织制成品制造', 'Manufacture of industrial textile articles'],
  ['1781', '非织造布制造', 'Manufacture of non-woven fabrics'],
  ['1789', '其他产业用纺织制成品制造', 'Manufacture of other industrial textile articles'],
  ['181', '机织服装制造', 'Manufacture of woven garments'],
  ['1811', '运动机织服装制造', 'Manufacture of woven sportswear'],
  ['1819', '其他机织服装制造', 'Manufacture of other woven garments'],
  ['182', '针织或钩针编织服装制造', 'Manufacture of knitted or crocheted garments'],
  ['1821', '运动休闲针织服装制造', 'Manufacture of knitted sports and leisure wear'],
  ['1829', '其他针织或钩针编织服装制造', 'Manufacture of other knitted or crocheted garments'],
  ['183', '服饰制造', 'Manufacture of apparel accessories'],
  ['1830', '服饰制造', 'Manufacture of apparel accessories'],
  ['292', '塑料制品业', 'Manufacture of plastic products'],
  ['2921', '塑料薄膜制造', 'Manufacture of plastic film'],
  ['2922', '塑料板、管、型材制造', 'Manufacture of plastic sheets, pipes and profiles'],
  ['2923', '塑料丝、绳及编织品制造', 'Manufacture of plastic filament, rope and woven products'],
  ['2924', '泡沫塑料制造', 'Manufacture of foamed plastics'],
  ['2925', '塑料人造革、合成革制造', 'Manufacture of plastic artificial and synthetic leather'],
  ['2926', '塑料包装箱及容器制造', 'Manufacture of plastic packing boxes and containers'],
  ['2927', '日用塑料制品制造', 'Manufacture of household plastic products'],
  ['2928', '人造草坪制造', 'Manufacture of artificial turf'],
  ['2929', '塑料零件及其他塑料制品制造', 'Manufacture of plastic parts and other plastic products'],
  ['331', '结构性金属制品制造', 'Manufacture of structural metal products'],
  ['3311', '金属结构制造', 'Manufacture of metal structures'],
  ['3312', '金属门窗制造', 'Manufacture of metal doors and windows'],
  ['332', '金属工具制造', 'Manufacture of metal tools'],
  ['3321', '切削工具制造', 'Manufacture of cutting tools'],
  ['3322', '手工具制造', 'Manufacture of hand tools'],
  ['3323', '农用及园林用金属工具制造', 'Manufacture of metal tools for agriculture and gardening'],
  ['3324', '刀剪及类似日用金属工具制造', 'Manufacture of knives, scissors and similar household metal tools'],
  ['3329', '其他金属工具制造', 'Manufacture of other metal tools'],
  ['335', '建筑、安全用金属制品制造', 'Manufacture of metal products for construction and safety'],
  ['3351', '建筑、家具用金属配件制造', 'Manufacture of metal fittings for buildings and furniture'],
  ['3352', '建筑装饰及水暖管道零件制造', 'Manufacture of architectural decoration and plumbing parts'],
  ['3353', '安全、消防用金属制品制造', 'Manufacture of metal products for security and fire protection'],
  ['3359', '其他建筑、安全用金属制品制造', 'Manufacture of other metal products for construction and safety'],
  ['338', '金属制日用品制造', 'Manufacture of metal household goods'],
  ['3381', '金属制厨房用器具制造', 'Manufacture of metal kitchen utensils'],
  ['3382', '金属制餐具和器皿制造', 'Manufacture of metal tableware and vessels'],
  ['3383', '金属制卫生器具制造', 'Manufacture of metal sanitary ware'],
  ['3389', '其他金属制日用品制造', 'Manufacture of other metal household goods'],
  ['342', '金属加工机械制造', 'Manufacture of metalworking machinery'],
  ['3421', '金属切削机床制造', 'Manufacture of metal-cutting machine tools'],
  ['3422', '金属成形机床制造', 'Manufacture of metal-forming machine tools'],
  ['3423', '铸造机械制造', 'Manufacture of foundry machinery'],
  ['3424', '金属切割及焊接设备制造', 'Manufacture of metal cutting and welding equipment'],
  ['3425', '机床功能部件及附件制造', 'Manufacture of machine-tool components and accessories'],
  ['3429', '其他金属加工机械制造', 'Manufacture of other metalworking machinery'],
  ['346', '烘炉、风机、包装等设备制造', 'Manufacture of ovens, fans, packaging and similar equipment'],
  ['3461', '烘炉、熔炉及电炉制造', 'Manufacture of ovens, furnaces and electric furnaces'],
  ['3462', '风机、风扇制造', 'Manufacture of blowers and fans'],
  ['3463', '气体、液体分离及纯净设备制造', 'Manufacture of gas and liquid separation and purification equipment'],
  ['3464', '制冷、空调设备制造', 'Manufacture of refrigeration and air-conditioning equipment'],
  ['3465', '风动和电动工具制造', 'Manufacture of pneumatic and power tools'],
  ['3466', '喷枪及类似器具制造', 'Manufacture of spray guns and similar appliances'],
  ['3467', '包装专用设备制造', 'Manufacture of packaging machinery'],
  ['348', '通用零部件制造', 'Manufacture of general-purpose parts'],
  ['3481', '金属密封件制造', 'Manufacture of metal seals'],
  ['3482', '紧固件制造', 'Manufacture of fasteners'],
  ['3483', '弹簧制造', 'Manufacture of springs'],
  ['3484', '机械零部件加工', 'Machining of mechanical parts'],
  ['3489', '其他通用零部件制造', 'Manufacture of other general-purpose parts'],
  ['352', '化工、木材、非金属加工专用设备制造', 'Manufacture of special equipment for chemical, wood and non-metal processing'],
  ['3521', '炼油、化工生产专用设备制造', 'Manufacture of special equipment for oil refining and chemical production'],
  ['3522', '橡胶加工专用设备制造', 'Manufacture of special equipment for rubber processing'],
  ['3523', '塑料加工专用设备制造', 'Manufacture of special equipment for plastics processing'],
  ['3524', '木竹材加工机械制造', 'Manufacture of wood and bamboo processing machinery'],
  ['3525', '模具制造', 'Manufacture of moulds and dies'],
  ['3529', '其他非金属加工专用设备制造', 'Manufacture of other special equipment for non-metal processing'],
  ['361', '汽车整车制造', 'Manufacture of complete vehicles'],
  ['3611', '汽柴油车整车制造', 'Manufacture of petrol and diesel vehicles'],
  ['3612', '新能源车整车制造', 'Manufacture of new-energy vehicles'],
  ['362', '汽车用发动机制造', 'Manufacture of automobile engines'],
  ['3620', '汽车用发动机制造', 'Manufacture of automobile engines'],
  ['363', '改装汽车制造', 'Manufacture of modified vehicles'],
  ['3630', '改装汽车制造', 'Manufacture of modified vehicles'],
  ['364', '低速汽车制造', 'Manufacture of low-speed vehicles'],
  ['3640', '低速汽车制造', 'Manufacture of low-speed vehicles'],
  ['365', '电车制造', 'Manufacture of trolleybuses and trams'],
  ['3650', '电车制造', 'Manufacture of trolleybuses and trams'],
  ['366', '汽车车身、挂车制造', 'Manufacture of vehicle bodies and trailers'],
  ['3660', '汽车车身、挂车制造', 'Manufacture of vehicle bodies and trailers'],
  ['367', '汽车零部件及配件制造', 'Manufacture of automobile parts and accessories'],
  ['3670', '汽车零部件及配件制造', 'Manufacture of automobile parts and accessories'],
  ['375', '摩托车制造', 'Manufacture of motorcycles'],
  ['3751', '摩托车整车制造', 'Manufacture of complete motorcycles'],
  ['3752', '摩托车零部件及配件制造', 'Manufacture of motorcycle parts and accessories'],
  ['376', '自行车和残疾人座车制造', 'Manufacture of bicycles and invalid carriages'],
  ['3761', '自行车制造', 'Manufacture of bicycles'],
  ['3762', '残疾人座车制造', 'Manufacture of invalid carriages'],
  ['377', '助动车制造', 'Manufacture of mopeds'],
  ['3770', '助动车制造', 'Manufacture of mopeds'],
  ['378', '非公路休闲车及零配件制造', 'Manufacture of off-road recreational vehicles and parts'],
  ['3780', '非公路休闲车及零配件制造', 'Manufacture of off-road recreational vehicles and parts'],
  ['385', '家用电力器具制造', 'Manufacture of household electric appliances'],
  ['3851', '家用制冷电器具制造', 'Manufacture of household refrigeration appliances'],
  ['3852', '家用空气调节器制造', 'Manufacture of household air conditioners'],
  ['3853', '家用通风电器具制造', 'Manufacture of household ventilation appliances'],
  ['3854', '家用厨房电器具制造', 'Manufacture of household electric kitchen appliances'],
  ['3855', '家用清洁卫生电器具制造', 'Manufacture of household electric cleaning and sanitary appliances'],
  ['3856', '家用美容、保健护理电器具制造', 'Manufacture of household electric beauty and health-care appliances'],
  ['3857', '家用电力器具专用配件制造', 'Manufacture of parts for household electric appliances'],
  ['3859', '其他家用电力器具制造', 'Manufacture of other household electric appliances'],
  ['519', '其他批发业', 'Other wholesale trade'],
  ['5193', '互联网批发', 'Internet wholesale'],
  ['529', '货摊、无店铺及其他零售业', 'Stall, non-store and other retail trade'],
  ['5292', '互联网零售', 'Internet retail'],
  ['641', '互联网接入及相关服务', 'Internet access and related services'],
  ['6410', '互联网接入及相关服务', 'Internet access and related services'],
  ['642', '互联网信息服务', 'Internet information services'],
  ['6421', '互联网搜索服务', 'Internet search services'],
  ['6422', '互联网游戏服务', 'Internet game services'],
  ['643', '互联网平台', 'Internet platforms'],
  ['6431', '互联网生产服务平台', 'Internet platforms for production services'],
  ['6432', '互联网生活服务平台', 'Internet platforms for consumer services'],
  ['6433', '互联网科技创新平台', 'Internet platforms for technological innovation'],
  ['6434', '互联网公共服务平台', 'Internet platforms for public services'],
  ['6439', '其他互联网平台', 'Other internet platforms'],
  ['644', '互联网安全服务', 'Internet security services'],
  ['6440', '互联网安全服务', 'Internet security services'],
  ['645', '互联网数据服务', 'Internet data services'],
  ['6450', '互联网数据服务', 'Internet data services'],
  ['649', '其他互联网服务', 'Other internet services'],
  ['6490', '其他互联网服务', 'Other internet services'],
  ['651', '软件开发', 'Software development'],
  ['6511', '基础软件开发', 'Development of basic software'],
  ['6512', '支撑软件开发', 'Development of supporting software'],
  ['6513', '应用软件开发', 'Development of application software'],
  ['6519', '其他软件开发', 'Other software development'],
  ['652', '集成电路设计', 'Integrated circuit design'],
  ['6520', '集成电路设计', 'Integrated circuit design'],
  ['653', '信息系统集成和物联网技术服务', 'Information system integration and Internet of Things services'],
  ['6531', '信息系统集成服务', 'Information system integration services'],
  ['6532', '物联网技术服务', 'Internet of Things technical services'],
  ['654', '运行维护服务', 'Operation and maintenance services'],
  ['6540', '运行维护服务', 'Operation and maintenance services'],
  ['655', '信息处理和存储支持服务', 'Information processing and storage support services'],
  ['6550', '信息处理和存储支持服务', 'Information processing and storage support services'],
  ['656', '信息技术咨询服务', 'Information technology consulting services'],
  ['6560', '信息技术咨询服务', 'Information technology consulting services'],
  ['657', '数字内容服务', 'Digital content services'],
  ['6571', '地理遥感信息服务', 'Geographic and remote-sensing information services'],
  ['6572', '动漫、游戏数字内容服务', 'Animation and game digital content services'],
  ['6579', '其他数字内容服务', 'Other digital content services'],
  ['659', '其他信息技术服务业', 'Other information technology services'],
  ['6591', '呼叫中心', 'Call centres'],
  ['6599', '其他未列明信息技术服务业', 'Information technology services not elsewhere classified'],
  ['721', '组织管理服务', 'Organisation management services'],
  ['7211', '企业总部管理', 'Enterprise headquarters management'],
  ['7212', '投资与资产管理', 'Investment and asset management'],
  ['7213', '资源与产权交易服务', 'Resource and property-rights trading services'],
  ['7214', '单位后勤管理服务', 'Logistics management services for organisations'],
  ['7215', '农村集体经济组织管理', 'Management of rural collective economic organisations'],
  ['7219', '其他组织管理服务', 'Other organisation management services'],
  ['724', '咨询与调查', 'Consulting and surveys'],
  ['7241', '会计、审计及税务服务', 'Accounting, auditing and tax services'],
  ['7242', '市场调查', 'Market research'],
  ['7243', '社会经济咨询', 'Social and economic consulting'],
  ['7244', '健康咨询', 'Health consulting'],
  ['7245', '环保咨询', 'Environmental consulting'],
  ['7246', '体育咨询', 'Sports consulting'],
  ['7249', '其他专业咨询与调查', 'Other professional consulting and surveys'],
  ['725', '广告业', 'Advertising'],
  ['7251', '互联网广告服务', 'Internet advertising services'],
  ['7259', '其他广告服务', 'Other advertising services'],
  ['726', '人力资源服务', 'Human resources services'],
  ['7261', '公共就业服务', 'Public employment services'],
  ['7262', '职业中介服务', 'Employment agency services'],
  ['7263', '劳务派遣服务', 'Labour dispatch services'],
  ['7264', '创业指导服务', 'Entrepreneurship guidance services'],
  ['7269', '其他人力资源服务', 'Other human resources services'],
  ['731', '自然科学研究和试验发展', 'Research and experimental development in natural sciences'],
  ['7310', '自然科学研究和试验发展', 'Research and experimental development in natural sciences'],
  ['732', '工程和技术研究和试验发展', 'Research and experimental development in engineering and technology'],
  ['7320', '工程和技术研究和试验发展', 'Research and experimental development in engineering and technology'],
  ['733', '农业科学研究和试验发展', 'Research and experimental development in agricultural sciences'],
  ['7330', '农业科学研究和试验发展', 'Research and experimental development in agricultural sciences'],
  ['734', '医学研究和试验发展', 'Research and experimental development in medicine'],
  ['7340', '医学研究和试验发展', 'Research and experimental development in medicine'],
  ['735', '社会人文科学研究', 'Research in social sciences and humanities'],
  ['7350', '社会人文科学研究', 'Research in social sciences and humanities'],
  ['745', '质检技术服务', 'Quality inspection technical services'],
  ['7451', '检验检疫服务', 'Inspection and quarantine services'],
  ['7452', '检测服务', 'Testing services'],
  ['7453', '计量服务', 'Metrology services'],
  ['7454', '标准化服务', 'Standardisation services'],
  ['7455', '认证认可服务', 'Certification and accreditation services'],
  ['7459', '其他质检技术服务', 'Other quality inspection technical services'],
  ['748', '工程技术与设计服务', 'Engineering technical and design services'],
  ['7481', '工程管理服务', 'Engineering management services'],
  ['7482', '工程监理服务', 'Engineering supervision services'],
  ['7483', '工程勘察活动', 'Engineering survey activities'],
  ['7484', '工程设计活动', 'Engineering design activities'],
  ['7485', '规划设计管理', 'Planning and design management'],
  ['7486', '土地规划服务', 'Land planning services'],
  ['749', '工业与专业设计及其他专业技术服务', 'Industrial and specialised design and other professional technical services'],
  ['7491', '工业设计服务', 'Industrial design services'],
  ['7492', '专业设计服务', 'Specialised design services'],
  ['7493', '兽医服务', 'Veterinary services'],
  ['7499', '其他未列明专业技术服务业', 'Professional technical services not elsewhere classified'],
  ['751', '技术推广服务', 'Technology promotion services'],
  ['7511', '农林牧渔技术推广服务', 'Technology promotion for agriculture, forestry, animal husbandry and fishery'],
  ['7512', '生物技术推广服务', 'Biotechnology promotion services'],
  ['7513', '新材料技术推广服务', 'New materials technology promotion services'],
  ['7514', '节能技术推广服务', 'Energy-saving technology promotion services'],
  ['7515', '新能源技术推广服务', 'New energy technology promotion services'],
  ['7516', '环保技术推广服务', 'Environmental protection technology promotion services'],
  ['7517', '三维（3D）打印技术推广服务', '3D printing technology promotion services'],
  ['7519', '其他技术推广服务', 'Other technology promotion services'],
  ['752', '知识产权服务', 'Intellectual property services'],
  ['7520', '知识产权服务', 'Intellectual property services'],
  ['753', '科技中介服务', 'Science and technology intermediary services'],
  ['7530', '科技中介服务', 'Science and technology intermediary services'],
  ['754', '创业空间服务', 'Entrepreneurship space services'],
  ['7540', '创业空间服务', 'Entrepreneurship space services'],
  ['759', '其他科技推广服务业', 'Other technology promotion services'],
  ['7590', '其他科技推广服务业', 'Other technology promotion services'],
  ['839', '技能培训、教育辅助及其他教育', 'Skills training, educational support and other education'],
  ['8391', '职业技能培训', 'Vocational skills training'],
  ['8392', '体校及体育培训', 'Sports schools and sports training'],
  ['8393', '文化艺术培训', 'Culture and arts training'],
  ['8394', '教育辅助服务', 'Educational support services'],
  ['8399', '其他未列明教育', 'Education not elsewhere classified'],
];

const LEVEL_BY_LENGTH: Readonly<Record<number, IndustryLevel>> = { 2: 'division', 3: 'group', 4: 'class' };

/** Ancestor ids by level (-1 where the node is coarser), precomputed for the hot path. */
interface Lineage {
  readonly s: number;
  readonly d: number;
  readonly g: number;
  readonly c: number;
  /** 1 for a section … 4 for a class: the most levels this node can share with another. */
  readonly depth: number;
}

function buildNodes(): IndustryNode[] {
  const sectionOf = new Map<string, string>();
  const nodes: IndustryNode[] = [];
  for (const [letter, nameZh, nameEn, first, last] of SECTIONS) {
    nodes.push({ code: letter, level: 'section', parent: null, section: letter, nameZh, nameEn });
    for (let n = first; n <= last; n++) sectionOf.set(String(n).padStart(2, '0'), letter);
  }
  const known = new Set<string>();
  for (const [code, nameZh, nameEn] of [...DIVISIONS, ...GROUPS_AND_CLASSES]) {
    const level = LEVEL_BY_LENGTH[code.length];
    const section = sectionOf.get(code.slice(0, 2));
    const parent = code.length === 2 ? (section ?? null) : code.slice(0, -1);
    // A data error here is a programming error: fail at import, where every test sees it.
    if (!/^\d{2,4}$/.test(code) || level === undefined || section === undefined || parent === null ||
        (code.length > 2 && !known.has(parent)) || known.has(code)) {
      throw new Error(`industry.ts: bad GB/T 4754 entry ${code}`);
    }
    known.add(code);
    nodes.push({ code, level, parent, section, nameZh, nameEn });
  }
  // Section letter + digits sorts into a depth-first pre-order: C < C13 < C131 < C1311 < C14.
  const key = (n: IndustryNode): string => (n.level === 'section' ? n.code : n.section + n.code);
  return nodes.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Every node of the classification known here, in depth-first order (section first). */
export const INDUSTRIES: readonly IndustryNode[] = Object.freeze(buildNodes().map((n) => Object.freeze(n)));

const NODE_BY_CODE = new Map<string, IndustryNode>(INDUSTRIES.map((n) => [n.code, n]));
const CHILDREN = new Map<string, IndustryNode[]>();
for (const node of INDUSTRIES) {
  if (node.parent === null) continue;
  const list = CHILDREN.get(node.parent);
  if (list) list.push(node);
  else CHILDREN.set(node.parent, [node]);
}

// Keyed by both canonical ('3381') and letter-prefixed ('C3381') spellings, so the hot
// path answers either with one Map lookup and no string work.
const LINEAGE = new Map<string, Lineage>();
const ID_BY_CODE = new Map<string, number>(INDUSTRIES.map((n, id) => [n.code, id]));
for (const node of INDUSTRIES) {
  const ids = [-1, -1, -1, -1];
  for (let n: IndustryNode | undefined = node; n; n = n.parent === null ? undefined : NODE_BY_CODE.get(n.parent)) {
    ids[n.level === 'section' ? 0 : n.code.length - 1] = ID_BY_CODE.get(n.code) ?? -1;
  }
  const [s = -1, d = -1, g = -1, c = -1] = ids;
  const lineage: Lineage = { s, d, g, c, depth: node.level === 'section' ? 1 : node.code.length };
  LINEAGE.set(node.code, lineage);
  if (node.level !== 'section') LINEAGE.set(node.section + node.code, lineage);
}

/**
 * Canonical form of a code: the section letter ('C') or the bare digits ('3381').
 * Accepts surrounding spaces, lower case and a letter prefix ('c3381', 'C3381'), but the
 * prefix must be the code's own section ('A3381' is rejected). Returns null for anything
 * that is not a code listed in {@link INDUSTRIES}.
 */
export function normalizeIndustryCode(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const direct = NODE_BY_CODE.get(input);
  if (direct) return direct.code;
  const text = input.trim().toUpperCase();
  if (/^[A-Z]$/.test(text)) return NODE_BY_CODE.has(text) ? text : null;
  const match = /^([A-Z]?)(\d{2,4})$/.exec(text);
  const node = match?.[2] === undefined ? undefined : NODE_BY_CODE.get(match[2]);
  if (!match || !node) return null;
  return match[1] && match[1] !== node.section ? null : node.code;
}

/** The node for a code in either spelling, or undefined when it is not known. */
export function industryByCode(code: string): IndustryNode | undefined {
  const canonical = normalizeIndustryCode(code);
  return canonical === null ? undefined : NODE_BY_CODE.get(canonical);
}

/** The chain from the section down to the node itself; empty for an unknown code. */
export function industryPath(code: string): IndustryNode[] {
  const path: IndustryNode[] = [];
  for (let n = industryByCode(code); n; n = n.parent === null ? undefined : NODE_BY_CODE.get(n.parent)) {
    path.unshift(n);
  }
  return path;
}

function lineageOf(code: string | null | undefined): Lineage | undefined {
  if (code === null || code === undefined) return undefined;
  const hit = LINEAGE.get(code);
  if (hit) return hit;
  const canonical = normalizeIndustryCode(code);
  return canonical === null ? undefined : LINEAGE.get(canonical);
}

function sharedLevels(x: Lineage, y: Lineage): number {
  if (x.s !== y.s) return 0;
  if (x.d === -1 || x.d !== y.d) return 1;
  if (x.g === -1 || x.g !== y.g) return 2;
  if (x.c === -1 || x.c !== y.c) return 3;
  return 4;
}

/** The highest grade {@link industryProximity} returns. */
export const MAX_INDUSTRY_PROXIMITY = 4;

/**
 * How many levels two codes share, counted from the section down the common prefix of
 * their paths: 4 same 小类, 3 same 中类, 2 same 大类, 1 same 门类, 0 unrelated or unknown.
 * Two codes at a coarser level share only that level ('C'/'C' → 1, '33'/'33' → 2,
 * '3381'/'33' → 2). Symmetric, allocation-free for known codes in either spelling.
 */
export function industryProximity(a: string | null | undefined, b: string | null | undefined): number {
  const x = lineageOf(a);
  const y = lineageOf(b);
  return x === undefined || y === undefined ? 0 : sharedLevels(x, y);
}

/** {@link industryProximity} scaled to [0, 1]. */
export function proximityScore(a: string | null | undefined, b: string | null | undefined): number {
  return industryProximity(a, b) / MAX_INDUSTRY_PROXIMITY;
}

/** The best {@link industryProximity} between `code` and any of `codes`; 0 for none. */
export function bestProximity(code: string | null | undefined, codes: readonly (string | null | undefined)[]): number {
  const x = lineageOf(code);
  if (x === undefined) return 0;
  let best = 0;
  for (let i = 0; i < codes.length; i++) {
    const y = lineageOf(codes[i]);
    if (y === undefined) continue;
    const level = sharedLevels(x, y);
    if (level > best) {
      best = level;
      if (best === x.depth) break; // nothing can share more levels than `code` has
    }
  }
  return best;
}

/** The node's name in the locale; an unknown code is returned as given (trimmed). */
export function industryLabel(code: string, locale: IndustryLocale): string {
  const node = industryByCode(code);
  if (!node) return code.trim();
  return locale === 'en' ? node.nameEn : node.nameZh;
}

function toOption(node: IndustryNode, locale: IndustryLocale): IndustryOption {
  const option: IndustryOption = { value: node.code, label: locale === 'en' ? node.nameEn : node.nameZh };
  const children = CHILDREN.get(node.code);
  if (children) option.children = children.map((child) => toOption(child, locale));
  return option;
}

/**
 * The taxonomy as an Element Plus cascader tree (sections → divisions → groups →
 * classes), values being canonical codes. A new tree on every call, free to mutate.
 */
export function industryOptions(locale: IndustryLocale): IndustryOption[] {
  return INDUSTRIES.filter((n) => n.level === 'section').map((n) => toOption(n, locale));
}
