// The committee office uploads a campaign file (the format of campaigns/*.json). The file is read
// as UTF-8 JSON, then validated exactly like a configuration from the form: every error with its
// path, nothing saved on any error.
import type { Actor, RequestContext } from '../../http/context.js';
import { AppError, badRequest } from '../../http/errors.js';
import type { Services } from '../../services.js';
import { saveNewCampaign } from './create-campaign.js';

export const MAX_CAMPAIGN_FILE_BYTES = 1024 * 1024;

/** Line and column (1-based) of a character offset, for a JSON syntax error a person can find. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

export function parseCampaignFile(file: Buffer): unknown {
  if (file.length > MAX_CAMPAIGN_FILE_BYTES) throw new AppError(413, 'TOO_LARGE', '配置文件过大（不超过 1 MB）');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file);
  } catch {
    throw badRequest('配置文件应为 UTF-8 编码的 JSON 文件', [{ path: '$', message: '文件不是 UTF-8 编码' }]);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message);
    const where = position ? lineAndColumn(text, Number(position[1])) : null;
    const message = where ? `JSON 格式错误：第 ${where.line} 行第 ${where.column} 列附近` : 'JSON 格式错误，无法读取';
    throw badRequest(`配置文件不是有效的 JSON：${message}`, [{ path: '$', message }]);
  }
}

export async function importCampaignFile(services: Services, ctx: RequestContext, actor: Actor, file: { filename: string; content: Buffer }) {
  const raw = parseCampaignFile(file.content);
  return saveNewCampaign(services, ctx, actor, raw, { origin: 'imported', action: 'campaign.import', detail: { filename: file.filename.slice(0, 200) } });
}
