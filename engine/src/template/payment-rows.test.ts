import { validateTemplate } from './check';
import { prefillPayments, type PaymentFact, type PaymentScope } from './payment-rows';
import type { FieldSchema, Template } from './types';

function template(table: FieldSchema = {}): Template {
  return {
    id: 'mon',
    kind: 'monitoring',
    version: '1.0.0',
    title: '监控',
    schema: {
      type: 'object',
      properties: {
        payments: {
          type: 'array',
          title: '支付记录',
          'x-payments': 'month',
          items: {
            type: 'object',
            properties: {
              date: { type: 'string', title: '支付日期', format: 'date' },
              amount: { type: 'number', title: '费用', 'x-money': true },
              memo: { type: 'string', title: '用途', maxLength: 4 },
              doubled: { type: 'number', title: '两倍', 'x-formula': 'amount * 2' },
            },
          },
          ...table,
        },
        monthSpent: { type: 'number', title: '本月支出', 'x-formula': 'SUM(payments.amount)' },
      },
    },
  };
}

const may: PaymentFact[] = [
  { date: '2021-05-03', amount: '1234.56', payee: '某公司', memo: '材料费' },
  { date: null, amount: '100.00', payee: null, memo: '本月支出登记' },
];

describe('prefillPayments', () => {
  test('the recorded payments of the scope become rows of the columns the table has, as the columns want them', () => {
    const asked: PaymentScope[] = [];
    const out = prefillPayments(template(), (scope) => (asked.push(scope), may));
    expect(asked).toEqual(['month']);
    // no payee column; 本月支出登记 is longer than memo's maxLength; the computed column is the engine's
    expect(out).toEqual({ payments: [{ date: '2021-05-03', amount: 1234.56, memo: '材料费' }, { amount: 100 }] });
  });

  test('rows the creator sent win; no records known leaves the table to its default', () => {
    const sent = { payments: [{ date: '2021-05-09', amount: 1 }] };
    expect(prefillPayments(template(), () => may, sent)).toEqual(sent);
    expect(prefillPayments(template(), () => undefined, {})).toEqual({});
  });

  test('validateTemplate: the template is valid; x-payments only on root tables, with a known scope', () => {
    expect(validateTemplate(template())).toEqual([]);
    const t = template();
    t.schema.properties!['monthSpent']!['x-payments'] = 'month';
    (t.schema.properties!['payments'] as Record<string, unknown>)['x-payments'] = 'week';
    const codes = validateTemplate(t).map((d) => `${d.code} ${d.path}`);
    expect(codes).toContain('PAYMENTS_FIELD_KIND /schema/properties/monthSpent/x-payments');
    expect(codes.some((c) => c.endsWith('/schema/properties/payments/x-payments'))).toBe(true);
  });
});
