/** Password rule shared by the registration form, password changes and the functions. */
export const PASSWORD_RULE_ZH = '密码8-32位，且需同时包含字母和数字';

export function isStrongPassword(pw: string): boolean {
  return pw.length >= 8 && pw.length <= 32 && /[A-Za-z]/.test(pw) && /\d/.test(pw) && !/\s/.test(pw);
}
