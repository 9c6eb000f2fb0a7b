// Fees (B21-14, A24-16): the order created at 已接收材料 with the fee of the level, the payee the
// office configures, the payment provider's instructions (and another provider plugged in), the
// applicant's receipt (refused before acceptance and after the payment
// deadline), finance's confirm and reject with the applicant told, one winner among concurrent
// decisions, duplicate receipts flagged, the reconciliation sheet, closing unpaid applications
// after the deadline, and scope. Applications reach 已接收材料 through the real accept route from
// a row inserted at office_review (the review chain itself is review-chain.test.ts's subject).
import { and, eq, inArray } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiptRefusal } from '../src/domain/application/fees.js';
import { instantOf } from '../src/domain/campaign/dates.js';
import { beijingDate } from '../src/domain/calendar/calendar.js';
import { applicationEvents, applications, auditLog, feeOrders, jobs } from '../src/server/db/schema.js';
import type { PaymentProvider } from '../src/server/payments/provider.js';
import { loadPublishedCampaign } from '../src/server/queries/campaigns.js';
import { sampleJpeg } from '../src/server/uploads/hostile-files.js';
import { createOrgTree, createUser, type CreatedUser, type TestOrgTree } from './factories.js';
import { createTestApp, signIn, TestClient, type TestContext, type TestResponse } from './helpers/app.js';
import { AKSU_2024, BAYINGOL_2021, insertCampaign, prefectureInfo } from './helpers/campaigns.js';
import { cleanPdf, errorOf, plusDays, republishCampaign, upload } from './helpers/declaration.js';
import { readXlsx, XLSX_TYPE } from './helpers/multipart.js';

type Which = 'aks' | 'bz';
interface TestCampaign {
  id: string;
  which: Which;
}
interface Accepted {
  id: string;
  client: TestClient;
  user: CreatedUser;
}
type FeeView = {
  order: null | { id: string; amountYuan: number; reference: string; status: string; statusLabel: string; receipt: { id: string } | null; rejectReason: string | null; duplicate: boolean };
  payable: boolean;
  notPayableReason: string | null;
  deadline: string | null;
  payee: null | { payeeName: string; bankName: string; accountNumber: string; hasQr: boolean };
  payment: null | {
    providerId: string;
    providerName: string;
    amountYuan: number;
    reference: string;
    payee: FeeView['payee'];
    steps: string[];
    acceptsReceiptUpload: boolean;
  };
  ruleId: string;
};
type FinanceItem = { id: string; applicationId: string; applicantName: string; reference: string; status: string; duplicate: boolean; duplicateOfReference: string | null };

let t: TestContext;
let org: TestOrgTree;
let other: TestOrgTree;
let office: TestClient;
let finance: TestClient;
let otherFinance: TestClient;
let aksu: TestCampaign;
let aksuPast: TestCampaign;
let bayingol: TestCampaign;

const PAYEE = { payeeName: '测试地州新闻出版评审委员会', bankName: '中国农业银行测试支行', accountNumber: '3042 0101 0400 1234 5' };

beforeAll(async () => {
  t = await createTestApp();
  [org, other] = await Promise.all([createOrgTree(t.services), createOrgTree(t.services)]);
  const prefecture = await prefectureInfo(t.services, org.prefectureId);
  aksu = { id: await insertCampaign(t.services, prefecture, { base: AKSU_2024, publish: true, openNow: true }), which: 'aks' };
  // The shipped 2024 notice as it is: its payment deadline, 2024-09-15 23:59:59, has passed.
  aksuPast = { id: await insertCampaign(t.services, prefecture, { base: AKSU_2024, publish: true }), which: 'aks' };
  bayingol = { id: await insertCampaign(t.services, prefecture, { base: BAYINGOL_2021, publish: true, openNow: true }), which: 'bz' };
  office = (await signIn(t, 'office_staff', org.prefectureId)).client;
  finance = (await signIn(t, 'finance', org.prefectureId)).client;
  otherFinance = (await signIn(t, 'finance', other.prefectureId)).client;
  const saved = await office.request('PUT', '/api/office/payment-settings', { body: PAYEE });
  expect(saved.statusCode, saved.body).toBe(200);
});
afterAll(async () => {
  await t?.close();
});

async function applicantClient(name?: string): Promise<{ client: TestClient; user: CreatedUser }> {
  const user = await createUser(t.services, { role: 'applicant', orgId: org.prefectureUnitId, membership: 'confirmed', name });
  const client = new TestClient(t.app);
  const login = await client.login(user.username, user.password);
  expect(login.statusCode, login.body).toBe(200);
  return { client, user };
}

/**
 * A fresh applicant's application waiting at the committee office, inserted straight at
 * office_review: of a prefecture-level unit, which reports to no department, recommended by it.
 */
async function atOffice(campaign: TestCampaign, level: '中级' | '副高' = '中级', name?: string): Promise<Accepted> {
  const who = await applicantClient(name);
  const { campaign: config } = await loadPublishedCampaign(t.services.db, campaign.id);
  const [row] = await t.services.db
    .insert(applications)
    .values({
      applicantId: who.user.id,
      unitId: org.prefectureUnitId,
      campaignId: campaign.id,
      campaignVersion: 1,
      year: config.year,
      seriesId: 'news',
      specialtyId: 'reporter',
      level,
      pathId: campaign.which === 'bz' ? 'prefecture' : 'directed',
      status: 'office_review',
      submissionCount: 1,
      submittedAt: new Date(),
      recommendedAt: new Date(),
    })
    .returning({ id: applications.id });
  return { id: row.id, ...who };
}

/** The same, accepted by the office (已接收材料) through the real route. */
async function accepted(campaign: TestCampaign, level: '中级' | '副高' = '中级', name?: string): Promise<Accepted> {
  const a = await atOffice(campaign, level, name);
  const response = await office.post(`/api/office/applications/${a.id}/accept`);
  expect(response.statusCode, response.body).toBe(204);
  return a;
}

async function feeOf(a: Accepted): Promise<FeeView> {
  const response = await a.client.get(`/api/me/applications/${a.id}/fee`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

/** A receipt scan whose bytes no other test's receipt shares (a shared one would be flagged as a duplicate). */
let receiptSize = 600;
const freshReceipt = () => sampleJpeg((receiptSize += 8), 800);
const uploadReceipt = (a: Accepted, bytes: Buffer, name = '转账凭证.jpg') => upload(a.client, `/api/me/applications/${a.id}/fee/receipt`, bytes, name);

async function withReceipt(campaign: TestCampaign, level: '中级' | '副高' = '中级'): Promise<Accepted & { orderId: string }> {
  const a = await accepted(campaign, level);
  const response = await uploadReceipt(a, await freshReceipt());
  expect(response.statusCode, response.body).toBe(201);
  return { ...a, orderId: response.json().order.id };
}

const confirm = (orderId: string, client = finance) => client.post(`/api/finance/fee-orders/${orderId}/confirm`);
const reject = (orderId: string, reason = '转账金额与订单不符', client = finance) => client.post(`/api/finance/fee-orders/${orderId}/reject`, { reason });
const orderRow = async (applicationId: string) => (await t.services.db.select().from(feeOrders).where(eq(feeOrders.applicationId, applicationId)))[0];
const statusOf = async (id: string) => (await t.services.db.select({ s: applications.status }).from(applications).where(eq(applications.id, id)))[0].s;
const notificationsOf = async (client: TestClient): Promise<{ title: string; body: string }[]> => (await client.get('/api/me/notifications')).json();
const auditRows = (action: string, objectIds: string[]) =>
  t.services.db.select().from(auditLog).where(and(eq(auditLog.action, action), inArray(auditLog.objectId, objectIds)));
const eventActions = async (applicationId: string) =>
  (await t.services.db.select().from(applicationEvents).where(eq(applicationEvents.applicationId, applicationId)).orderBy(applicationEvents.id)).map((e) => e.action);
const CHINESE = /[\u4e00-\u9fff]/;
const statuses = (responses: TestResponse[]) => responses.map((r) => r.statusCode).sort();

describe('the order at 已接收材料 (B21-14, A24-16)', () => {
  it('B21-14 / A24-16: the amount is the fee of the level (Aksu 中级 400, 副高 600; Bayingol 中级 380) under a short unique reference', async () => {
    const [intermediate, senior, bz] = await Promise.all([accepted(aksu, '中级'), accepted(aksu, '副高'), accepted(bayingol, '中级')]);
    const views = await Promise.all([intermediate, senior, bz].map(feeOf));
    expect(views.map((v) => v.order?.amountYuan)).toEqual([400, 600, 380]);
    expect(views.map((v) => v.ruleId)).toEqual(['A24-16', 'A24-16', 'B21-14']);
    const year = Number(beijingDate(new Date()).slice(0, 4));
    for (const v of views) {
      expect(v.order).toMatchObject({ status: 'pending', statusLabel: '待缴费', receipt: null, duplicate: false });
      // Typed from a screen into a banking app: no O/0/I/1 to misread.
      expect(v.order!.reference).toMatch(new RegExp(`^ZP${year}[2-9A-HJ-NP-Z]{6}$`));
      expect(v).toMatchObject({ payable: true, notPayableReason: null, payee: { ...PAYEE, hasQr: expect.any(Boolean) } });
    }
    expect(new Set(views.map((v) => v.order!.reference)).size).toBe(3);
    // Aksu's notice sets a payment deadline (shifted with the practice copy); Bayingol's sets none.
    expect(views[0].deadline).toMatch(/^\d{4}-\d{2}-\d{2} 23:59$/);
    expect(views[2].deadline).toBeNull();

    const told = (await notificationsOf(intermediate.client)).find((n) => n.title === '评委会办公室已接收材料');
    expect(told?.body).toContain('400 元');
    expect(told?.body).toContain(views[0].order!.reference);
    const [audit] = await auditRows('application.accept', [intermediate.id]);
    expect(audit.detail).toMatchObject({ amountYuan: 400, reference: views[0].order!.reference });
  });

  it('A24-16: nothing is payable before 已接收材料: no order, the reason with its rule id, the receipt refused', async () => {
    const waiting = await atOffice(aksu);
    const view = await feeOf(waiting);
    expect(view).toMatchObject({ order: null, payable: false, payee: null, ruleId: 'A24-16' });
    expect(view.notPayableReason).toBe('评委会办公室接收材料后方可缴费（A24-16）');

    const refused = await uploadReceipt(waiting, await freshReceipt());
    expect(refused.statusCode).toBe(409);
    expect(errorOf(refused)).toMatchObject({ code: 'NOT_PAYABLE', message: '评委会办公室接收材料后方可缴费（A24-16）' });
    expect((await waiting.client.get(`/api/me/applications/${waiting.id}/fee/qr`)).statusCode).toBe(404);
    expect(await orderRow(waiting.id)).toBeUndefined();
  });

  it('A24-16: a receipt is refused after the payment deadline, shown in Beijing time with the rule ids', async () => {
    const late = await accepted(aksuPast);
    const view = await feeOf(late);
    expect(view).toMatchObject({ payable: false, deadline: '2024-09-15 23:59', order: { status: 'pending', amountYuan: 400 } });
    expect(view.notPayableReason).toBe('已超过缴费截止时间（2024-09-15 23:59，北京时间），不能再上传缴费凭证（A24-4、A24-16）');

    const refused = await uploadReceipt(late, await freshReceipt());
    expect(refused.statusCode).toBe(409);
    expect(errorOf(refused).message).toBe(view.notPayableReason);
    expect((await orderRow(late.id)).status).toBe('pending');
  });

  it('A24-16: the deadline is judged at seconds precision, like every window', async () => {
    const { campaign } = await loadPublishedCampaign(t.services.db, aksuPast.id);
    const deadline = instantOf(campaign.windows.paymentDeadline!.at);
    expect(receiptRefusal(campaign, 'accepted', 'pending', deadline + 999)).toBeNull();
    expect(receiptRefusal(campaign, 'accepted', 'rejected', deadline + 999)).toBeNull();
    expect(receiptRefusal(campaign, 'accepted', 'pending', deadline + 1000)).toContain('已超过缴费截止时间');
    // Bayingol's notice sets no deadline: nothing to miss.
    const { campaign: bz } = await loadPublishedCampaign(t.services.db, bayingol.id);
    expect(receiptRefusal(bz, 'accepted', 'pending', Date.parse('2099-12-31T23:59:59+08:00'))).toBeNull();
  });
});

describe('the payee (A24-16: 扫码或银行缴费)', () => {
  it('A24-16: the office sets the payee and its payment code; the applicant sees both once the fee is payable', async () => {
    const otherOffice = (await signIn(t, 'office_staff', other.prefectureId)).client;
    const unset = await otherOffice.get('/api/office/payment-settings');
    expect(unset.statusCode).toBe(200);
    expect(unset.json()).toBeNull();
    const png = await sharp(await sampleJpeg(300, 300)).png().toBuffer();
    const tooEarly = await upload(otherOffice, '/api/office/payment-settings/qr', png, '收款码.png');
    expect(tooEarly.statusCode).toBe(409);
    expect(errorOf(tooEarly).code).toBe('PAYEE_NOT_SET');
    const invalid = await otherOffice.request('PUT', '/api/office/payment-settings', { body: { ...PAYEE, accountNumber: '账号12' } });
    expect(invalid.statusCode).toBe(400);
    expect(errorOf(invalid).message).toMatch(CHINESE);

    const mine = await office.get('/api/office/payment-settings');
    expect(mine.json()).toMatchObject({ prefectureId: org.prefectureId, ...PAYEE });
    const pdf = await upload(office, '/api/office/payment-settings/qr', await cleanPdf(), '收款码.pdf');
    expect(pdf.statusCode).toBe(422);
    const qr = await upload(office, '/api/office/payment-settings/qr', png, '收款码.png');
    expect(qr.statusCode, qr.body).toBe(200);
    expect(qr.json()).toMatchObject({ ...PAYEE, hasQr: true });
    const [audit] = await t.services.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'payment.settings'), eq(auditLog.objectId, org.prefectureId), eq(auditLog.outcome, 'success')))
      .orderBy(auditLog.id);
    expect(audit.detail).toMatchObject(PAYEE);

    const officeView = await office.get('/api/office/payment-settings/qr');
    expect(officeView.statusCode).toBe(200);
    expect(officeView.headers['content-type']).toBe('image/png');

    const payer = await accepted(aksu);
    const fee = await feeOf(payer);
    expect(fee.payee).toEqual({ ...PAYEE, hasQr: true });
    // How to pay comes from the configured provider: bank transfer or payment code by default.
    expect(fee.payment).toMatchObject({
      providerId: 'bank-transfer',
      providerName: '银行转账或扫码支付',
      amountYuan: 400,
      reference: fee.order!.reference,
      payee: { ...PAYEE, hasQr: true },
      acceptsReceiptUpload: true,
    });
    expect(fee.payment!.steps[0]).toContain(`账号 ${PAYEE.accountNumber}`);
    expect(fee.payment!.steps[1]).toContain(fee.order!.reference);
    const code = await payer.client.get(`/api/me/applications/${payer.id}/fee/qr`);
    expect(code.statusCode).toBe(200);
    expect(code.headers['content-type']).toBe('image/png');
    expect(code.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('the payment provider (B21-14, A24-16)', () => {
  it('A24-16: before 已接收材料 there is nothing to pay and no instructions', async () => {
    const a = await atOffice(aksu);
    const fee = await feeOf(a);
    expect(fee.order).toBeNull();
    expect(fee.payment).toBeNull();
    expect(fee.payee).toBeNull();
  });

  it('A24-16: another provider plugs in through services: its instructions and payment code are shown, and a provider without receipts refuses them', async () => {
    const a = await accepted(aksu);
    const online: PaymentProvider = {
      id: 'test-gateway',
      name: '网上支付（测试）',
      acceptsReceiptUpload: false,
      instructions: (order) => ({
        amountYuan: order.amountYuan,
        reference: order.reference,
        payee: null,
        qrFileId: null,
        steps: [`打开网上支付页面，支付 ${order.amountYuan} 元`],
      }),
    };
    const original = t.services.payments;
    t.services.payments = online;
    try {
      const fee = await feeOf(a);
      expect(fee.payable).toBe(false);
      expect(fee.notPayableReason).toBe('本次缴费方式为网上支付（测试），无需上传缴费凭证，请按缴费说明付款（A24-16）');
      expect(fee.payee).toBeNull();
      expect(fee.payment).toEqual({
        providerId: 'test-gateway',
        providerName: '网上支付（测试）',
        amountYuan: 400,
        reference: fee.order!.reference,
        payee: null,
        steps: ['打开网上支付页面，支付 400 元'],
        acceptsReceiptUpload: false,
      });
      // The office's payment code is the bank-transfer provider's: this one shows none.
      const code = await a.client.get(`/api/me/applications/${a.id}/fee/qr`);
      expect(code.statusCode).toBe(404);
      expect(errorOf(code).message).toBe('评委会办公室尚未上传收款码');
      const refused = await uploadReceipt(a, await freshReceipt());
      expect(refused.statusCode).toBe(409);
      expect(errorOf(refused)).toMatchObject({ code: 'NOT_PAYABLE', message: fee.notPayableReason });
      expect((await orderRow(a.id)).status).toBe('pending');
    } finally {
      t.services.payments = original;
    }
    // Back on bank transfer the same order takes a receipt; nobody reviews a receipt blind, so no OCR reads it (A24-7).
    expect((await feeOf(a)).payable).toBe(true);
    const sent = await uploadReceipt(a, await freshReceipt());
    expect(sent.statusCode, sent.body).toBe(201);
    const receiptId = sent.json().order.receipt.id as string;
    expect(sent.json().order.receipt).toMatchObject({ leakStatus: 'done', leakHits: [] });
    expect(await t.services.db.select().from(jobs).where(eq(jobs.dedupeKey, `leak-check:${receiptId}`))).toEqual([]);
  });
});

describe('finance confirms or rejects (A24-16)', () => {
  it('A24-16: reject with a reason, the applicant is told and uploads again, finance confirms once and for all', async () => {
    const a = await accepted(aksu);
    const first = await uploadReceipt(a, await freshReceipt(), '农行转账回单.jpg');
    expect(first.statusCode, first.body).toBe(201);
    const uploaded: FeeView = first.json();
    expect(uploaded).toMatchObject({ payable: false, notPayableReason: '缴费凭证已上传，请等待财务确认', order: { status: 'receipt_uploaded', duplicate: false } });
    const orderId = uploaded.order!.id;

    const queue: FinanceItem[] = (await finance.get(`/api/finance/fee-orders?status=receipt_uploaded&campaignId=${aksu.id}`)).json();
    expect(queue.find((o) => o.id === orderId)).toMatchObject({ applicationId: a.id, reference: uploaded.order!.reference, status: 'receipt_uploaded', duplicate: false });

    const receipt = await finance.get(`/api/finance/fee-orders/${orderId}/receipt`);
    expect(receipt.statusCode).toBe(200);
    expect(receipt.headers['content-type']).toBe('image/jpeg');
    expect(receipt.headers['x-content-type-options']).toBe('nosniff');
    expect(String(receipt.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent('农行转账回单.jpg')}`);

    expect((await reject(orderId, '转账金额为 40 元，与订单金额 400 元不符')).statusCode).toBe(204);
    const told = (await notificationsOf(a.client)).find((n) => n.title === '缴费凭证被退回');
    expect(told?.body).toContain('转账金额为 40 元，与订单金额 400 元不符');
    expect(await feeOf(a)).toMatchObject({ payable: true, order: { status: 'rejected', rejectReason: '转账金额为 40 元，与订单金额 400 元不符' } });
    expect(statuses([await confirm(orderId)])).toEqual([409]);

    const second = await uploadReceipt(a, await freshReceipt());
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json().order).toMatchObject({ status: 'receipt_uploaded', rejectReason: null });
    expect((await confirm(orderId)).statusCode).toBe(204);
    expect((await notificationsOf(a.client)).find((n) => n.title === '评审费已确认')?.body).toContain('400 元');
    expect(await feeOf(a)).toMatchObject({ payable: false, notPayableReason: '财务已确认缴费，无需再次上传缴费凭证', order: { status: 'confirmed', statusLabel: '财务已确认缴费' } });

    // A confirmed order never changes again.
    const again = await confirm(orderId);
    expect(again.statusCode).toBe(409);
    expect(errorOf(again)).toMatchObject({ code: 'ALREADY_CONFIRMED', message: '该笔缴费已由财务确认，不能重复处理' });
    expect(errorOf(await reject(orderId)).code).toBe('ALREADY_CONFIRMED');
    expect((await uploadReceipt(a, await freshReceipt())).statusCode).toBe(409);
    expect((await orderRow(a.id)).status).toBe('confirmed');

    expect(await eventActions(a.id)).toEqual(['accepted', 'receiptUploaded', 'feeRejected', 'receiptUploaded', 'feeConfirmed']);
    expect(await auditRows('fee.confirm', [orderId])).toHaveLength(1);
    expect(await auditRows('fee.reject', [orderId])).toHaveLength(1);
    expect((await auditRows('fee.receipt', [orderId])).filter((r) => r.outcome === 'success')).toHaveLength(2);
    // The application itself stays accepted; paying changes only the order.
    expect(await statusOf(a.id)).toBe('accepted');
  });

  it('A24-16: of 20 parallel confirms exactly one wins; the rest get a Chinese 409 and nothing is recorded twice', async () => {
    const a = await withReceipt(aksu);
    const responses = await Promise.all(Array.from({ length: 20 }, () => confirm(a.orderId)));
    expect(statuses(responses)).toEqual([204, ...Array(19).fill(409)]);
    for (const r of responses.filter((r) => r.statusCode === 409)) expect(errorOf(r).message).toBe('该笔缴费已由财务确认，不能重复处理');
    expect((await auditRows('fee.confirm', [a.orderId])).filter((r) => r.outcome === 'success')).toHaveLength(1);
    expect((await notificationsOf(a.client)).filter((n) => n.title === '评审费已确认')).toHaveLength(1);
    expect((await eventActions(a.id)).filter((e) => e === 'feeConfirmed')).toHaveLength(1);
  });

  it('A24-16: confirms racing rejects: exactly one decision wins and the loser is told which', async () => {
    const a = await withReceipt(aksu);
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? confirm(a.orderId) : reject(a.orderId))));
    expect(statuses(responses)).toEqual([204, ...Array(19).fill(409)]);
    const order = await orderRow(a.id);
    const expected = order.status === 'confirmed' ? 'ALREADY_CONFIRMED' : 'ALREADY_REJECTED';
    for (const r of responses.filter((r) => r.statusCode === 409)) expect(errorOf(r).code).toBe(expected);
    expect([...(await auditRows('fee.confirm', [a.orderId])), ...(await auditRows('fee.reject', [a.orderId]))].filter((r) => r.outcome === 'success')).toHaveLength(1);
  });

  it('A24-16: a receipt identical to another order’s is flagged to finance, not refused', async () => {
    const same = await freshReceipt();
    const [first, second] = [await accepted(aksu), await accepted(aksu)];
    expect((await uploadReceipt(first, same)).statusCode).toBe(201);
    const reused = await uploadReceipt(second, same, '同一张回单.jpg');
    expect(reused.statusCode, reused.body).toBe(201);
    expect(reused.json().order).toMatchObject({ status: 'receipt_uploaded', duplicate: true });
    expect((await feeOf(first)).order!.duplicate).toBe(false);

    const queue: FinanceItem[] = (await finance.get(`/api/finance/fee-orders?campaignId=${aksu.id}`)).json();
    const firstItem = queue.find((o) => o.applicationId === first.id)!;
    expect(queue.find((o) => o.applicationId === second.id)).toMatchObject({ duplicate: true, duplicateOfReference: firstItem.reference });
    expect(firstItem.duplicate).toBe(false);

    // Sent at the same moment, the second of two identical receipts is still caught.
    const twin = await freshReceipt();
    const pair = [await accepted(aksu), await accepted(aksu)];
    const sent = await Promise.all(pair.map((a) => uploadReceipt(a, twin)));
    expect(statuses(sent)).toEqual([201, 201]);
    expect(sent.map((r) => r.json().order.duplicate as boolean).sort()).toEqual([false, true]);
  });
});

describe('reconciliation and unpaid applications (A24-16)', () => {
  it('A24-16: the reconciliation sheet has one row per order and the totals; names are neutralised, ID numbers absent', async () => {
    const campaign: TestCampaign = { id: await insertCampaign(t.services, await prefectureInfo(t.services, org.prefectureId), { base: AKSU_2024, publish: true, openNow: true }), which: 'aks' };
    const paid = await accepted(campaign, '中级', '=HYPERLINK("http://evil.example","点我")');
    const receipt = await uploadReceipt(paid, await freshReceipt());
    expect((await confirm(receipt.json().order.id)).statusCode).toBe(204);
    const unpaid = await accepted(campaign, '副高');

    const response = await finance.get(`/api/finance/campaigns/${campaign.id}/reconciliation.xlsx`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe(XLSX_TYPE);
    const { rows } = await readXlsx(response.rawBody);
    const [paidRef, unpaidRef] = [(await orderRow(paid.id)).reference, (await orderRow(unpaid.id)).reference];
    const header = rows[1];
    expect(header).toEqual(['序号', '缴费编号', '姓名', '工作单位', '申报级别', '金额（元）', '状态', '凭证上传时间', '确认或退回时间', '重复凭证']);
    const paidRow = rows.find((r) => r[1] === paidRef)!;
    expect(paidRow[2]).toBe(`'=HYPERLINK("http://evil.example","点我")`);
    expect(paidRow.slice(4, 7)).toEqual(['中级', 400, '财务已确认缴费']);
    expect(paidRow[7]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(rows.find((r) => r[1] === unpaidRef)!.slice(4, 7)).toEqual(['副高', 600, '待缴费']);
    expect(rows.find((r) => r[1] === '应缴合计')).toEqual(['', '应缴合计', '2 笔', '', '', 1000]);
    expect(rows.find((r) => r[1] === '已确认合计')).toEqual(['', '已确认合计', '1 笔', '', '', 400]);
    const cells = JSON.stringify(rows);
    for (const who of [paid.user, unpaid.user]) expect(cells).not.toContain(who.idNumber);
  });

  it('A24-16: unpaid applications are listed, and closed only after the payment deadline, one audit row each', async () => {
    const campaign: TestCampaign = { id: await insertCampaign(t.services, await prefectureInfo(t.services, org.prefectureId), { base: AKSU_2024, publish: true, openNow: true }), which: 'aks' };
    const never = await accepted(campaign);
    const paid = await withReceipt(campaign);
    expect((await confirm(paid.orderId)).statusCode).toBe(204);
    const waiting = await withReceipt(campaign);
    const stillAtOffice = await atOffice(campaign);

    const list = await finance.get(`/api/finance/campaigns/${campaign.id}/unpaid`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toMatchObject({ deadlinePassed: false, deadline: expect.stringMatching(/23:59$/) });
    expect(list.json().applications.map((a: { applicationId: string }) => a.applicationId).sort()).toEqual([never.id, waiting.id].sort());

    const early = await finance.post(`/api/finance/campaigns/${campaign.id}/close-unpaid`);
    expect(early.statusCode).toBe(409);
    expect(errorOf(early).code).toBe('BEFORE_PAYMENT_DEADLINE');
    expect(errorOf(early).message).toContain(`缴费截止时间为 ${list.json().deadline}（北京时间，A24-4）`);

    // The office moves the deadline to yesterday and publishes the change.
    const yesterday = plusDays(beijingDate(new Date()), -1);
    await republishCampaign(t.services, campaign.id, (config) => {
      config.windows.paymentDeadline.at = `${yesterday}T23:59:59+08:00`;
    });
    const blocked = await finance.post(`/api/finance/campaigns/${campaign.id}/close-unpaid`);
    expect(blocked.statusCode).toBe(409);
    expect(errorOf(blocked)).toMatchObject({ code: 'RECEIPTS_WAITING', message: '尚有 1 份缴费凭证等待确认，请先确认或退回后再处理逾期未缴费的申报' });
    expect(await statusOf(never.id)).toBe('accepted');

    expect((await reject(waiting.orderId, '回单不清晰')).statusCode).toBe(204);
    const closed = await finance.post(`/api/finance/campaigns/${campaign.id}/close-unpaid`);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().closed).toBe(2);
    expect([...closed.json().applicationIds].sort()).toEqual([never.id, waiting.id].sort());
    expect(await Promise.all([never, waiting, paid, stillAtOffice].map((a) => statusOf(a.id)))).toEqual(['unpaid', 'unpaid', 'accepted', 'office_review']);
    expect((await auditRows('application.unpaid', [never.id, waiting.id])).map((r) => r.objectId).sort()).toEqual([never.id, waiting.id].sort());
    expect(await eventActions(never.id)).toEqual(['accepted', 'unpaid']);
    expect((await notificationsOf(never.client)).find((n) => n.title === '逾期未缴纳评审费')?.body).toContain(`${yesterday} 23:59`);
    expect(await feeOf(waiting)).toMatchObject({ payable: false, notPayableReason: '逾期未缴纳评审费，不参加本次评审（A24-16）' });
    expect((await uploadReceipt(waiting, await freshReceipt())).statusCode).toBe(409);

    const again = await finance.post(`/api/finance/campaigns/${campaign.id}/close-unpaid`);
    expect(again.json()).toEqual({ closed: 0, applicationIds: [] });
    expect((await finance.get(`/api/finance/campaigns/${campaign.id}/unpaid`)).json().applications).toEqual([]);
  });

  it('B21-14: a campaign without a payment deadline has nothing to close', async () => {
    const response = await finance.post(`/api/finance/campaigns/${bayingol.id}/close-unpaid`);
    expect(response.statusCode).toBe(409);
    expect(errorOf(response)).toMatchObject({ code: 'PAYMENT_DEADLINE_NOT_SET', message: '本次评审通知未规定缴费截止时间，不能按逾期未缴费处理（B21-14）' });
    expect((await finance.get(`/api/finance/campaigns/${bayingol.id}/unpaid`)).json()).toMatchObject({ deadline: null, deadlinePassed: false });
  });
});

describe('scope', () => {
  it('finance of another prefecture gets 404 for every order and campaign, and changes nothing', async () => {
    const a = await withReceipt(aksu);
    const late = await accepted(aksuPast);
    for (const response of [
      await otherFinance.get(`/api/finance/fee-orders/${a.orderId}/receipt`),
      await confirm(a.orderId, otherFinance),
      await reject(a.orderId, '越权退回', otherFinance),
      await otherFinance.get(`/api/finance/campaigns/${aksu.id}/reconciliation.xlsx`),
      await otherFinance.get(`/api/finance/campaigns/${aksu.id}/unpaid`),
      await otherFinance.post(`/api/finance/campaigns/${aksuPast.id}/close-unpaid`),
    ]) {
      expect(response.statusCode, response.body).toBe(404);
      expect(errorOf(response).message).toMatch(CHINESE);
    }
    expect((await otherFinance.get(`/api/finance/fee-orders?campaignId=${aksu.id}`)).json()).toEqual([]);
    expect((await orderRow(a.id)).status).toBe('receipt_uploaded');
    expect(await statusOf(late.id)).toBe('accepted');
  });

  it('an applicant cannot see or pay another applicant’s fee (404)', async () => {
    const owner = await accepted(aksu);
    const stranger = await applicantClient();
    const otherApplicant = { ...owner, client: stranger.client };
    expect((await stranger.client.get(`/api/me/applications/${owner.id}/fee`)).statusCode).toBe(404);
    expect((await stranger.client.get(`/api/me/applications/${owner.id}/fee/qr`)).statusCode).toBe(404);
    expect((await uploadReceipt(otherApplicant, await freshReceipt())).statusCode).toBe(404);
    expect((await orderRow(owner.id)).status).toBe('pending');
  });

  it('finance cannot change applications: the review and payee routes answer 403, and the office cannot decide fees', async () => {
    const waiting = await atOffice(aksu);
    expect((await finance.post(`/api/office/applications/${waiting.id}/accept`)).statusCode).toBe(403);
    expect((await finance.post(`/api/office/applications/${waiting.id}/return`, { reasons: ['越权退回'] })).statusCode).toBe(403);
    expect((await finance.get('/api/office/applications')).statusCode).toBe(403);
    expect((await finance.request('PUT', '/api/office/payment-settings', { body: PAYEE })).statusCode).toBe(403);
    expect(await statusOf(waiting.id)).toBe('office_review');

    const a = await withReceipt(aksu);
    expect((await confirm(a.orderId, office)).statusCode).toBe(403);
    expect((await office.get(`/api/finance/campaigns/${aksu.id}/reconciliation.xlsx`)).statusCode).toBe(403);
    expect((await a.client.post(`/api/finance/fee-orders/${a.orderId}/confirm`)).statusCode).toBe(403);
    expect((await orderRow(a.id)).status).toBe('receipt_uploaded');
  });
});
