// Reasons reviewers give again and again (一次性告知): one click puts the text in a reason line,
// where the reviewer adds the particulars (which year, which page).
export const COMMON_RETURN_REASONS = [
  '扫描件不清晰或不完整，请重新扫描上传：',
  '扫描件方向不正，请旋转为正向后重新上传：',
  '缺少必需的材料：',
  '年度考核表缺少单位盖章：',
  '继续教育学时不足或证书缺失：',
  '学历证明材料不符合要求（须上传学信网验证报告，无法验证的上传毕业证书或毕业生登记表）：',
  '代表作品须包含封面、目录和正文：',
  '填写内容有空项，没有内容的栏目请填写“无”：',
  '盲评材料中仍有姓名、照片或工作单位，请遮盖后重新上传：',
] as const;

/** The reasons after choosing `reason`: it fills the first empty line, or is added as a new one. */
export function withCommonReason(reasons: readonly string[], reason: string): string[] {
  const empty = reasons.findIndex((r) => r.trim() === '');
  if (empty === -1) return [...reasons, reason];
  return reasons.map((r, i) => (i === empty ? reason : r));
}
