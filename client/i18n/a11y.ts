/**
 * Strings only assistive technology hears (names of unlabelled controls, live announcements)
 * and each route's document title; merged into the locale files as `a11y`.
 */
export const a11yZh = {
  skipToMain: '跳到主要内容',
  mainNav: '主导航',
  navToggle: '菜单',
  language: '界面语言：{lang}',
  userMenuSuffix: '账户菜单',
  bell: '通知',
  bellUnread: '通知，{n} 条未读',
  editor: '方案正文编辑器',
  editorToolbar: '方案正文格式工具栏',
  richText: '正文编辑器',
  richTextToolbar: '正文格式工具栏',
  pageSize: '每页条数',
  offerCountdown: '接单剩余时间',
  newOffer: '新的咨询请求：{name}，{question}',
  chatLog: '对话消息',
  chartSummary: '图表数据',
  titles: {
    board: '挂牌引智',
    'challenge-new': '发布难题',
    challenge: '难题详情',
    'challenge-edit': '编辑难题',
    login: '登录',
    register: '注册',
    'reset-password': '重设密码',
    profile: '个人资料',
    workspaces: '方案工作台',
    workspace: '团队工作区',
    'challenge-submissions': '方案评审',
    advice: '发展顾问',
    representatives: '单位联络人审核',
    admin: '管理',
  },
};
