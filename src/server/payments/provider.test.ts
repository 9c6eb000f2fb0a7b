// The payment provider (B21-14, A24-16): chosen by PAYMENT_PROVIDER (bank transfer by default, an
// unknown value stops start-up with a Chinese fix-it message), and the bank-transfer provider's
// instructions and receipt rule.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCampaign } from '../../domain/campaign/load.js';
import type { Campaign } from '../../domain/campaign/index.js';
import { ConfigError, loadConfig } from '../config.js';
import type { FeeOrderRow, PaymentSettingsRow } from '../queries/fees.js';
import { bankTransferProvider, PAYMENT_PROVIDER_IDS, paymentProviderFor, receiptRefusalWith, type PaymentProvider } from './provider.js';

const KEY = '00'.repeat(32);
const configWith = (env: Record<string, string>) => loadConfig({ ZHIPING_MASTER_KEY: KEY, ...env }, []);

const campaign = (() => {
  const parsed = parseCampaign(JSON.parse(readFileSync(new URL('../../../campaigns/bayingol-2021-news.json', import.meta.url), 'utf8')));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.campaign as Campaign;
})();

const order = { id: 'o1', applicationId: 'a1', amountYuan: 380, reference: 'ZP2021K7M2QX', status: 'pending' } as FeeOrderRow;
const settings = (qrFileId: string | null) =>
  ({ prefectureId: 'p1', payeeName: '巴州新闻系列评审委员会', bankName: '中国农业银行库尔勒分行', accountNumber: '3042 0101 0400 1234 5', qrFileId }) as PaymentSettingsRow;

describe('PAYMENT_PROVIDER (B21-14, A24-16)', () => {
  it('defaults to bank transfer, and the services carry the provider it names', () => {
    expect(configWith({}).paymentProvider).toBe('bank-transfer');
    expect(configWith({ PAYMENT_PROVIDER: 'bank-transfer' }).paymentProvider).toBe('bank-transfer');
    expect(PAYMENT_PROVIDER_IDS).toEqual(['bank-transfer']);
    expect(paymentProviderFor(configWith({}).paymentProvider)).toBe(bankTransferProvider);
  });

  it('an unknown value stops start-up with a Chinese message naming the value and the choices', () => {
    for (const value of ['alipay', 'Bank-Transfer', '', 'toString', '__proto__']) {
      let error: unknown;
      try {
        configWith({ PAYMENT_PROVIDER: value });
      } catch (e) {
        error = e;
      }
      expect(error, value).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toContain(`PAYMENT_PROVIDER=${JSON.stringify(value)} 不是可用的缴费方式`);
      expect(message).toContain('bank-transfer（银行转账或扫码支付，默认）');
      expect(message).toContain('删除该环境变量');
    }
  });

  it('is checked in operator commands that need no master key as well', () => {
    expect(() => loadConfig({ PAYMENT_PROVIDER: 'gateway' }, [], { needsMasterKey: false })).toThrow(ConfigError);
  });
});

describe('the bank-transfer provider (B21-14, A24-16)', () => {
  it('A24-16: the payee, the payment code when uploaded, the amount and reference, and the steps in Chinese', () => {
    const withQr = bankTransferProvider.instructions(order, settings('f-qr'));
    expect(withQr).toMatchObject({
      amountYuan: 380,
      reference: 'ZP2021K7M2QX',
      payee: { payeeName: '巴州新闻系列评审委员会', bankName: '中国农业银行库尔勒分行', accountNumber: '3042 0101 0400 1234 5' },
      qrFileId: 'f-qr',
    });
    expect(withQr.steps[0]).toBe('向“巴州新闻系列评审委员会”（中国农业银行库尔勒分行，账号 3042 0101 0400 1234 5）转账，或扫描收款码付款，金额 380 元');
    expect(withQr.steps[1]).toContain('缴费编号 ZP2021K7M2QX');
    expect(withQr.steps.join()).toContain('上传转账凭证');

    const withoutQr = bankTransferProvider.instructions(order, settings(null));
    expect(withoutQr.qrFileId).toBeNull();
    expect(withoutQr.steps[0]).not.toContain('收款码');

    const unset = bankTransferProvider.instructions(order, null);
    expect(unset).toMatchObject({ payee: null, qrFileId: null, amountYuan: 380, reference: 'ZP2021K7M2QX' });
    expect(unset.steps[0]).toBe('评委会办公室尚未设置收款信息，请稍后再来查看');
  });

  it('B21-14: takes receipts: only the fee’s own rules refuse one', () => {
    expect(bankTransferProvider.acceptsReceiptUpload).toBe(true);
    expect(bankTransferProvider.confirm).toBeUndefined();
    expect(receiptRefusalWith(bankTransferProvider, campaign, 'accepted', 'pending', Date.now())).toBeNull();
    expect(receiptRefusalWith(bankTransferProvider, campaign, 'office_review', null, Date.now())).toBe('评委会办公室接收材料后方可缴费（B21-14）');
  });

  it('B21-14: a provider that takes no receipts refuses them, after the fee’s own reasons', () => {
    const online: PaymentProvider = { ...bankTransferProvider, id: 'gateway', name: '网上支付', acceptsReceiptUpload: false };
    expect(receiptRefusalWith(online, campaign, 'accepted', 'pending', Date.now())).toBe('本次缴费方式为网上支付，无需上传缴费凭证，请按缴费说明付款（B21-14）');
    expect(receiptRefusalWith(online, campaign, 'office_review', null, Date.now())).toBe('评委会办公室接收材料后方可缴费（B21-14）');
  });
});
