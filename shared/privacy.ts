/**
 * The privacy notice a worker agrees to before registering (PIPL: why the ID number is collected).
 * Bump the version when the text changes; the agreed version is stored with the person.
 */
export const PRIVACY_NOTICE_VERSION = '2026-11-v1';
export const PRIVACY_NOTICE_TITLE = '个人信息保护说明';
export const PRIVACY_NOTICE_ZH = [
  '为落实《安全生产法》规定的从业人员安全生产教育和培训要求，本平台需要核实您的真实身份，以便记录您的学习、考试和培训档案，并向您所在企业及属地监管部门提供培训完成情况。',
  '我们收集：姓名、居民身份证号码、手机号码（可选）、所在企业、岗位分类和持证情况。身份证号码属于敏感个人信息，仅用于身份核验、防止重复注册及培训档案归集。',
  '保护措施：身份证号码加密存储，页面上仅显示脱敏号码（如 3704**********123X）；仅您所在企业的管理员和属地监管部门在履行职责时可查看完整号码，且每次查看均留存记录。',
  '您可以在“我的”中查看和更正个人信息；离职后您的培训档案依法保存，不会被删除。',
];
