/**
 * The two input forms of 填写本月费用: 本月支出 (month, amount, memo) and 支付记录填写 (date,
 * amount, payee, memo). The server validates; its 422 problems show under the fields. Unsaved
 * input survives leaving the page (sessionStorage) and the tab warns before closing with it.
 */
import { Button, DatePicker, Form, Input, Select, message } from 'antd';
import moment from 'moment';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { recordPayment, recordSpending } from '../../api/monitoring';
import { MoneyInput } from '../../form/MoneyInput';
import { amountText, EMPTY_PAYMENT, EMPTY_SPENDING, fieldErrors, paymentDirty, spendingDirty, useDraft, useLeaveWarning } from './drafts';

const MONTHS = Array.from({ length: 12 }, (_, i) => ({
  value: i + 1,
  label: `${i + 1} 月`,
}));

const SPENDING_LABELS: Record<string, string> = {
  month: '月份',
  amount: '本月支出',
  memo: '备注',
};
const PAYMENT_LABELS: Record<string, string> = {
  date: '支付日期',
  amount: '支付金额',
  payee: '收款方',
  memo: '备注',
};

type Errors = Record<string, string>;

/** Form.Item props showing a server problem of `key`. */
function errorProps(errors: Errors, key: string): { validateStatus?: 'error'; help?: string } {
  const e = errors[key];
  return e === undefined ? {} : { validateStatus: 'error', help: e };
}

/** A failed save: problems of the form's fields go under them; anything else is a message. */
function onSaveError(err: unknown, labels: Record<string, string>, setErrors: (e: Errors) => void): void {
  const byField = fieldErrors(err, labels);
  if (byField === undefined) {
    void message.error(err instanceof ApiError ? err.message : '保存失败，请稍后重试');
    return;
  }
  const shown: Errors = {};
  const others: string[] = [];
  for (const [key, text] of Object.entries(byField)) {
    if (key in labels) shown[key] = text;
    else others.push(text);
  }
  setErrors(shown);
  // a problem on no field of this form must not vanish
  if (others.length > 0 || Object.keys(shown).length === 0)
    void message.error(others.length > 0 ? others.join('；') : err instanceof ApiError ? err.message : '保存失败，请稍后重试');
}

interface EntryFormSpec<T extends object> {
  /** sessionStorage key of the unsaved input. */
  storageKey: string;
  empty: T;
  dirty: (draft: T) => boolean;
  labels: Record<string, string>;
  successText: string;
  send: (draft: T) => Promise<unknown>;
  onSaved: () => void;
}

/** What both forms share: the kept draft, server problems per field (cleared as the field changes), saving. */
function useEntryForm<T extends object>(spec: EntryFormSpec<T>) {
  const { draft, set, clear } = useDraft(spec.storageKey, spec.empty);
  const [errors, setErrors] = useState<Errors>({});
  const [saving, setSaving] = useState(false);
  useLeaveWarning(spec.dirty(draft));
  const change = (patch: Partial<T>, key: string): void => {
    set(patch);
    if (errors[key] !== undefined) setErrors(({ [key]: _gone, ...rest }) => rest);
  };
  const save = async (): Promise<void> => {
    setSaving(true);
    try {
      await spec.send(draft);
      clear();
      setErrors({});
      void message.success(spec.successText);
      spec.onSaved();
    } catch (err) {
      onSaveError(err, spec.labels, setErrors);
    } finally {
      setSaving(false);
    }
  };
  return { draft, errors, saving, change, save };
}

interface FormProps {
  projectId: number;
  fiscalYear: number;
  defaultMonth: number;
  onSaved: () => void;
}

export function SpendingForm({ projectId, defaultMonth, onSaved }: FormProps) {
  const { draft, errors, saving, change, save } = useEntryForm({
    storageKey: `jixiao.spending-draft.${projectId}`,
    empty: EMPTY_SPENDING,
    dirty: spendingDirty,
    labels: SPENDING_LABELS,
    successText: '本月支出已保存',
    send: (d) => {
      const memo = d.memo.trim();
      return recordSpending(projectId, { month: d.month ?? defaultMonth, amount: amountText(d.amount), ...(memo !== '' ? { memo } : {}) });
    },
    onSaved,
  });
  const month = draft.month ?? defaultMonth;

  return (
    <Form layout="inline" className="jx-spending-form" data-testid="spending-form" onFinish={() => void save()}>
      <Form.Item label="月份" {...errorProps(errors, 'month')}>
        <Select value={month} options={MONTHS} style={{ width: 96 }} onChange={(v: number) => change({ month: v }, 'month')} />
      </Form.Item>
      <Form.Item label="本月支出" required {...errorProps(errors, 'amount')} className="jx-spending-amount">
        <span data-testid="spending-amount">
          <MoneyInput value={draft.amount ?? null} onChange={(v) => change({ amount: v }, 'amount')} style={{ width: 220 }} />
        </span>
      </Form.Item>
      <Form.Item label="备注" {...errorProps(errors, 'memo')}>
        <Input value={draft.memo} maxLength={500} onChange={(e) => change({ memo: e.target.value }, 'memo')} style={{ width: 240 }} data-testid="spending-memo" />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="spending-save">
          保存本月支出
        </Button>
      </Form.Item>
    </Form>
  );
}

export function PaymentForm({ projectId, fiscalYear, defaultMonth, onSaved }: FormProps) {
  const { draft, errors, saving, change, save } = useEntryForm({
    storageKey: `jixiao.payment-draft.${projectId}`,
    empty: EMPTY_PAYMENT,
    dirty: paymentDirty,
    labels: PAYMENT_LABELS,
    successText: '支付记录已保存',
    send: (d) => {
      const payee = d.payee.trim();
      const memo = d.memo.trim();
      return recordPayment(projectId, {
        ...(d.date !== '' ? { date: d.date } : {}),
        amount: amountText(d.amount),
        ...(payee !== '' ? { payee } : {}),
        ...(memo !== '' ? { memo } : {}),
      });
    },
    onSaved,
  });

  const pickerStart = moment(`${fiscalYear}-${String(defaultMonth).padStart(2, '0')}-01`, 'YYYY-MM-DD');
  return (
    <Form layout="inline" className="jx-payment-form" data-testid="payment-form" onFinish={() => void save()}>
      <Form.Item label="支付日期" required {...errorProps(errors, 'date')}>
        <DatePicker
          value={draft.date !== '' ? moment(draft.date, 'YYYY-MM-DD') : null}
          defaultPickerValue={pickerStart}
          format="YYYY-MM-DD"
          onChange={(d) => change({ date: d === null ? '' : d.format('YYYY-MM-DD') }, 'date')}
          style={{ width: 150 }}
        />
      </Form.Item>
      <Form.Item label="支付金额" required {...errorProps(errors, 'amount')}>
        <span data-testid="payment-amount">
          <MoneyInput value={draft.amount ?? null} onChange={(v) => change({ amount: v }, 'amount')} style={{ width: 220 }} />
        </span>
      </Form.Item>
      <Form.Item label="收款方" {...errorProps(errors, 'payee')}>
        <Input value={draft.payee} maxLength={200} onChange={(e) => change({ payee: e.target.value }, 'payee')} style={{ width: 180 }} data-testid="payment-payee" />
      </Form.Item>
      <Form.Item label="备注" {...errorProps(errors, 'memo')}>
        <Input value={draft.memo} maxLength={500} onChange={(e) => change({ memo: e.target.value }, 'memo')} style={{ width: 180 }} data-testid="payment-memo" />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="payment-save">
          保存支付记录
        </Button>
      </Form.Item>
    </Form>
  );
}
