/**
 * <TemplateForm>: renders one template version with Formily and keeps every computed value equal
 * to what the server stores. On each change (coalesced per animation frame) the whole template is
 * evaluated by the engine (engine-adapter.ts): computed fields, x-visible, x-required-when, scores
 * and grade; then the engine's ajv validator runs and its zh-CN messages go on the fields.
 * Drafts are autosaved through `onAutosave` (debounced); leaving with unsaved changes warns.
 */
import {
  ArrayTable,
  DatePicker,
  FormItem,
  FormLayout,
  Input,
  NumberPicker,
  Select,
  Switch,
  Radio,
  Checkbox,
  PreviewText,
} from '@formily/antd';
import { createForm, isField, onFieldInit, onFieldInputValueChange, onFormValuesChange, type Field, type Form } from '@formily/core';
import { connect, createSchemaField, FormProvider, mapReadPretty } from '@formily/react';
import { toJS } from '@formily/reactive';
import { Alert, Button, Space, Tag, message } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ComputedField } from './ComputedField';
import { ComputedStore, ComputedStoreContext, type ComputedDisplay } from './computed-store';
import {
  createFormEngine,
  formatMoney,
  formatScalar,
  resolveForDepartment,
  scalarToJson,
  type FieldIssue,
  type FormEngine,
  type FormEvaluation,
} from './engine-adapter';
import { scrollToRow } from './ArrayTable';
import { AttachmentsProvider, NoAttachments, type AttachmentsOptions } from './attachments/context';
import { IndicatorSourceContext, type IndicatorSource } from './IndicatorPicker';
import { IndicatorTable } from './IndicatorTable';
import { MoneyInput } from './MoneyInput';
import { Section } from './Section';
import type { SchemaNode, TemplateDoc } from './template-types';
import { displayDecimals } from './template-types';
import { compareOrder, documentOrder, rowOfPath, toFormilySchema, toPattern, walkFields } from './to-formily';

export { toPattern };

export type FormValues = Record<string, unknown>;

export type SaveState = 'clean' | 'dirty' | 'saving' | 'saved' | 'error';

export interface TemplateFormProps {
  /** The template version to render (resolved for `department` when given). */
  template: TemplateDoc;
  /** Department code whose variant applies. */
  department?: string;
  initialValues?: FormValues;
  /** Show the data without inputs (view pages). */
  readOnly?: boolean;
  /** Every change, after evaluation, with the computed values filled in. */
  onChange?: (values: FormValues, evaluation: FormEvaluation) => void;
  /** Draft autosave; called at most once per `autosaveDelay` ms of quiet after a change. */
  onAutosave?: (values: FormValues) => Promise<void> | void;
  autosaveDelay?: number;
  /** Called with valid data; throw to keep the form dirty. */
  onSubmit?: (values: FormValues) => Promise<void> | void;
  submitText?: string;
  /** Errors reported by the server (422 details) to show on the fields. */
  serverIssues?: readonly FieldIssue[];
  /** Extra buttons next to 提交. */
  actions?: ReactNode;
  /** Show the total score / grade bar (default: when the template has scoring). */
  showScore?: boolean;
  /**
   * The indicator library (search, facets; recommendations and last year's rows when the form
   * belongs to a project); when given, x-indicator tables offer 从指标库选择. Keep it stable (memo).
   */
  indicatorSource?: IndicatorSource;
  /**
   * The saved submission this form edits: indicator tables then get a 附件 column (per-row
   * attachments). Without it (designer preview, bench pages) there is no such column.
   */
  attachments?: AttachmentsOptions;
}

const MoneyField = connect(
  MoneyInput,
  mapReadPretty((props: { value?: number | null }) => (
    <span className="jx-money-text">{typeof props.value === 'number' ? `${formatMoney(props.value)} 元` : ''}</span>
  )),
);

const SchemaField = createSchemaField({
  components: {
    FormItem,
    Input,
    NumberPicker,
    Select,
    DatePicker,
    Switch,
    Radio,
    Checkbox,
    PreviewText,
    ArrayTable: IndicatorTable,
    MoneyInput: MoneyField,
    ComputedField,
    Section,
  },
});


function stableJson(v: unknown): string {
  return JSON.stringify(v) ?? '';
}

interface FieldMeta {
  node: SchemaNode;
  required: boolean;
}

/** Static facts about every field pattern of the schema. */
function collectMeta(schema: SchemaNode): Map<string, FieldMeta> {
  const meta = new Map<string, FieldMeta>();
  const requiredOf = (parent: SchemaNode | undefined, key: string): boolean => parent?.required?.includes(key) === true;
  const visit = (node: SchemaNode, prefix: string): void => {
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      const p = prefix === '' ? key : `${prefix}.${key}`;
      meta.set(p, { node: child, required: requiredOf(node, key) });
      if (child.properties !== undefined) visit(child, p);
      else if (child.type === 'array' && child.items !== undefined) visit(child.items, `${p}.*`);
    }
  };
  visit(schema, '');
  return meta;
}

export function TemplateForm(props: TemplateFormProps) {
  const { template, department, readOnly, autosaveDelay = 1500 } = props;
  const engine: FormEngine = useMemo(() => createFormEngine(resolveForDepartment(template, department)), [template, department]);
  const formilySchema = useMemo(() => toFormilySchema(engine.template.schema), [engine]);
  const meta = useMemo(() => collectMeta(engine.template.schema), [engine]);
  const conditional = useMemo(
    () => walkFields(engine.template.schema).filter((f) => f.node['x-visible'] !== undefined || f.node['x-required-when'] !== undefined),
    [engine],
  );
  const conditionalByPattern = useMemo(() => new Map(conditional.map((c) => [c.pattern, c.node])), [conditional]);
  const store = useMemo(() => new ComputedStore(), []);

  // Latest props for callbacks that live inside Formily effects.
  const propsRef = useRef(props);
  propsRef.current = props;

  const [evaluation, setEvaluation] = useState<FormEvaluation | null>(null);
  const [formIssues, setFormIssues] = useState<FieldIssue[]>([]);
  const [saveState, setSaveState] = useState<SaveState>('clean');
  const [submitting, setSubmitting] = useState(false);

  const state = useRef({
    /** An evaluation is queued (microtask) or running; changes it makes itself do not queue another. */
    queued: false,
    evaluating: false,
    lastEvaluatedJson: '',
    lastSavedJson: '',
    touched: new Set<string>(),
    showAll: false,
    /** Messages shown per field path, also for rows not mounted yet (their fields do not exist). */
    feedback: new Map<string, string[]>(),
    autosaveTimer: undefined as ReturnType<typeof setTimeout> | undefined,
    dirty: false,
    lastEvaluation: null as FormEvaluation | null,
  });

  const formRef = useRef<Form | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);

  /** An issue of a row field whose row is not mounted (yet): its field shows it once created. */
  const isRowIssue = useCallback((path: string): boolean => rowOfPath(path) !== null && meta.has(toPattern(path)), [meta]);

  /** Put issues on their fields; returns the ones no field can show. */
  const applyIssues = useCallback((form: Form, issues: readonly FieldIssue[]): FieldIssue[] => {
    const s = state.current;
    const byPath = new Map<string, string[]>();
    const orphans: FieldIssue[] = [];
    for (const issue of issues) {
      const field = issue.path === '' ? undefined : form.query(issue.path).take();
      if ((field === undefined || !isField(field)) && !isRowIssue(issue.path)) {
        orphans.push(issue);
        continue;
      }
      if (!s.showAll && !s.touched.has(issue.path)) continue;
      const list = byPath.get(issue.path) ?? [];
      if (!list.includes(issue.message)) list.push(issue.message);
      byPath.set(issue.path, list);
    }
    for (const path of s.feedback.keys()) {
      if (byPath.has(path)) continue;
      const field = form.query(path).take();
      if (field !== undefined && isField(field)) field.setFeedback({ type: 'error', code: 'EffectError', messages: [] });
    }
    for (const [path, messages] of byPath) {
      const field = form.query(path).take();
      if (field !== undefined && isField(field)) field.setFeedback({ type: 'error', code: 'EffectError', messages });
    }
    s.feedback = byPath;
    return orphans;
  }, [isRowIssue]);

  /**
   * A field created after the last evaluation (a table row mounted by scrolling, a row added) gets
   * what that evaluation decided for it: visibility, the conditional asterisk, its error messages.
   */
  const restoreFieldState = useCallback(
    (field: Field): void => {
      const s = state.current;
      const ev = s.lastEvaluation;
      if (ev === null) return;
      const path = field.address.toString();
      const pattern = toPattern(path);
      const node = conditionalByPattern.get(pattern);
      if (node?.['x-visible'] !== undefined) field.visible = !ev.hidden.has(path);
      if (node?.['x-required-when'] !== undefined) {
        field.setDecoratorProps({ asterisk: (meta.get(pattern)?.required ?? false) || ev.requiredWhen.has(path) });
      }
      const messages = s.feedback.get(path);
      if (messages !== undefined) field.setFeedback({ type: 'error', code: 'EffectError', messages });
    },
    [conditionalByPattern, meta],
  );
  const restoreRef = useRef(restoreFieldState);
  restoreRef.current = restoreFieldState;

  /** Scroll the first issue (in the form's order) into view; a table row is mounted by the scroll. */
  const revealFirst = useCallback(
    (issues: readonly FieldIssue[]): void => {
      const root = rootRef.current;
      const first = issues
        .map((i) => ({ path: i.path, key: documentOrder(engine.template.schema, i.path) }))
        .sort((a, b) => compareOrder(a.key, b.key))[0];
      if (root === null || first === undefined) return;
      const row = rowOfPath(first.path);
      requestAnimationFrame(() => {
        if (row !== null && scrollToRow(root, row.array, row.index)) return;
        root.querySelector('.ant-formily-item-error')?.scrollIntoView({ block: 'center' });
      });
    },
    [engine],
  );

  const autosave = useCallback(async (form: Form): Promise<void> => {
    const s = state.current;
    const save = propsRef.current.onAutosave;
    if (save === undefined) return;
    const values = toJS(form.values) as FormValues;
    const json = stableJson(values);
    if (json === s.lastSavedJson) return;
    setSaveState('saving');
    try {
      await save(values);
      s.lastSavedJson = json;
      s.dirty = stableJson(toJS(form.values)) !== json;
      setSaveState(s.dirty ? 'dirty' : 'saved');
    } catch {
      setSaveState('error');
    }
  }, []);

  /** The engine's validation of one evaluation, on the fields (or in the list below the form). */
  const validateNow = useCallback(
    (form: Form, values: FormValues, ev: FormEvaluation): void => {
      const orphans = applyIssues(form, engine.validate(values, ev));
      setFormIssues(state.current.showAll ? orphans : []);
    },
    [engine, applyIssues],
  );

  /**
   * Evaluate the whole template on the current values and push the results into the form.
   * `deferValidation` (the first evaluation): validate when the browser is idle instead; nothing
   * untouched shows an error yet, and compiling the validator is then out of the first frame.
   */
  const runEvaluation = useCallback(
    (form: Form, force: boolean, deferValidation = false): void => {
      const s = state.current;
      let values = toJS(form.values) as FormValues;
      if (!force && stableJson(values) === s.lastEvaluatedJson) return;
      s.evaluating = true;
      let ev: FormEvaluation;
      try {
        ev = engine.evaluate(values);
        const display = writeComputed(form, values, ev, meta);
        // Hiding a field clears its value in Formily: read the values again when that happened.
        if (applyConditions(form, values, ev, conditional, meta)) values = toJS(form.values) as FormValues;
        store.replace(display);
      } finally {
        s.evaluating = false;
      }
      s.lastEvaluatedJson = stableJson(values);
      s.lastEvaluation = ev;
      if (!deferValidation) validateNow(form, values, ev);
      else {
        const later = values;
        whenIdle(() => {
          if (s.lastEvaluation === ev) validateNow(form, later, ev);
        });
      }
      setEvaluation(ev);
      propsRef.current.onChange?.(values, ev);

      // Dirty tracking and autosave.
      if (s.lastEvaluatedJson !== s.lastSavedJson) {
        s.dirty = true;
        setSaveState((old) => (old === 'saving' ? old : 'dirty'));
        if (propsRef.current.onAutosave !== undefined && propsRef.current.readOnly !== true) {
          if (s.autosaveTimer !== undefined) clearTimeout(s.autosaveTimer);
          s.autosaveTimer = setTimeout(() => void autosave(form), autosaveDelay);
        }
      }
    },
    [engine, meta, conditional, store, validateNow, autosave, autosaveDelay],
  );


  const runRef = useRef(runEvaluation);
  runRef.current = runEvaluation;

  const form = useMemo(() => {
    const s = state.current;
    s.lastEvaluatedJson = '';
    s.touched = new Set();
    s.showAll = false;
    const f = createForm({
      initialValues: props.initialValues ?? {},
      readPretty: readOnly === true,
      effects() {
        onFieldInputValueChange('*', (field) => {
          s.touched.add(field.address.toString());
        });
        onFieldInit('*', (field) => {
          if (isField(field)) restoreRef.current(field);
        });
        // Right after the change (one evaluation per burst of changes, e.g. rows pushed): the
        // computed cells then render in the same frame as the keystroke.
        onFormValuesChange((changed) => {
          if (s.queued || s.evaluating) return;
          s.queued = true;
          queueMicrotask(() => {
            s.queued = false;
            if (formRef.current === changed) runRef.current(changed, false);
          });
        });
      },
    });
    formRef.current = f;
    return f;
    // The form is rebuilt only when the template changes; initialValues are read once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [engine]);

  // First evaluation once the fields exist; the saved baseline is the initial data.
  useEffect(() => {
    const s = state.current;
    const id = requestAnimationFrame(() => {
      runEvaluation(form, true, true);
      s.lastSavedJson = s.lastEvaluatedJson;
      s.dirty = false;
      setSaveState('clean');
    });
    return () => {
      cancelAnimationFrame(id);
      if (s.autosaveTimer !== undefined) clearTimeout(s.autosaveTimer);
    };
  }, [form, runEvaluation]);

  // Warn before leaving with unsaved changes.
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent): void => {
      const p = propsRef.current;
      if (!state.current.dirty || readOnly === true || (p.onAutosave === undefined && p.onSubmit === undefined)) return;
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [readOnly]);

  // Server-side errors (422) go on the fields too, and the first one is brought into view (its
  // table row may not be mounted).
  useEffect(() => {
    if (props.serverIssues === undefined || props.serverIssues.length === 0) return;
    state.current.showAll = true;
    const orphans = applyIssues(form, props.serverIssues);
    setFormIssues(orphans);
    revealFirst(props.serverIssues);
  }, [props.serverIssues, form, applyIssues, revealFirst]);

  const submit = async (): Promise<void> => {
    const s = state.current;
    runEvaluation(form, true);
    s.showAll = true;
    const values = toJS(form.values) as FormValues;
    const ev = s.lastEvaluation ?? engine.evaluate(values);
    const issues = engine.validate(values, ev);
    const orphans = applyIssues(form, issues);
    setFormIssues(orphans);
    if (issues.length > 0) {
      void message.error(`表单有 ${issues.length} 处需要修改`);
      revealFirst(issues);
      return;
    }
    const onSubmit = propsRef.current.onSubmit;
    if (onSubmit === undefined) return;
    setSubmitting(true);
    try {
      await onSubmit(values);
      s.lastSavedJson = stableJson(values);
      s.dirty = false;
      setSaveState('saved');
    } catch {
      // The caller reported the failure (message, serverIssues); the form stays dirty.
      setSaveState('error');
    } finally {
      setSubmitting(false);
    }
  };

  // The same element on every render of TemplateForm (score bar, issues, save state): React then
  // skips the field tree, and each field re-renders from its own Formily reactions and computed-store
  // subscription instead of the whole table re-rendering per keystroke.
  const fields = useMemo(
    () => (
      <FormLayout labelWidth={170} labelWrap wrapperWrap feedbackLayout="loose">
        <PreviewText.Placeholder value="—">
          <SchemaField schema={formilySchema} />
        </PreviewText.Placeholder>
      </FormLayout>
    ),
    [formilySchema],
  );

  const scoring = engine.template.scoring;
  const showScore = props.showScore ?? (scoring !== undefined && (scoring.total !== undefined || scoring.grade !== undefined));
  const totalText = (() => {
    if (evaluation === null) return '';
    if (evaluation.total !== undefined) return formatScalar(evaluation.total, { decimals: 2 });
    const key = scoring?.total;
    return key !== undefined ? formatScalar(evaluation.computed.get(key), { decimals: 2 }) : '';
  })();
  const gradeText = (() => {
    if (evaluation === null) return '';
    if (evaluation.grade !== undefined) return evaluation.grade;
    const key = scoring?.grade;
    return key !== undefined ? formatScalar(evaluation.computed.get(key)) : '';
  })();

  return (
    <WithAttachments options={props.attachments}>
      <ComputedStoreContext.Provider value={store}>
        <IndicatorSourceContext.Provider value={props.indicatorSource ?? null}>
          <FormProvider form={form}>
            <div className="jx-template-form" data-template={engine.template.id} ref={rootRef}>
              {engine.problems.length > 0 ? (
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginBottom: 12 }}
                  message="模板有问题，部分计算可能不正确"
                  description={
                    <ul className="jx-problems">
                      {engine.problems.map((p, i) => (
                        <li key={i}>
                          {p.path !== '' ? <code>{p.path}</code> : null} {p.message}
                        </li>
                      ))}
                    </ul>
                  }
                />
              ) : null}
              {showScore ? (
                <div className="jx-score-bar" data-testid="score-bar">
                  <span>
                    总分：<strong data-testid="score-total">{totalText}</strong>
                  </span>
                  <span>
                    评价等级：<strong data-testid="score-grade">{gradeText}</strong>
                  </span>
                </div>
              ) : null}
              {fields}
              {formIssues.length > 0 ? (
                <Alert
                  type="error"
                  showIcon
                  style={{ margin: '12px 0' }}
                  message="请修改以下问题"
                  description={
                    <ul className="jx-form-issues">
                      {formIssues.map((i, k) => (
                        <li key={k}>{i.message}</li>
                      ))}
                    </ul>
                  }
                />
              ) : null}
              {readOnly === true ? null : (
                <div className="jx-form-actions">
                  <Space>
                    {props.onSubmit !== undefined ? (
                      <Button type="primary" onClick={() => void submit()} loading={submitting} data-testid="form-submit">
                        {props.submitText ?? '提交'}
                      </Button>
                    ) : null}
                    {props.onAutosave !== undefined ? (
                      <Button onClick={() => void autosave(form)} data-testid="form-save">
                        保存草稿
                      </Button>
                    ) : null}
                    {props.actions}
                    {props.onAutosave !== undefined ? <SaveStateTag state={saveState} /> : null}
                  </Space>
                </div>
              )}
            </div>
          </FormProvider>
        </IndicatorSourceContext.Provider>
      </ComputedStoreContext.Provider>
    </WithAttachments>
  );
}

/** The attachments context of the `attachments` prop; none without it, even inside a provider. */
function WithAttachments({ options, children }: { options: AttachmentsOptions | undefined; children: ReactNode }) {
  if (options === undefined) return <NoAttachments>{children}</NoAttachments>;
  return (
    <AttachmentsProvider submissionId={options.submissionId} editable={options.editable}>
      {children}
    </AttachmentsProvider>
  );
}

/** Run `task` when the browser is idle (soon in any case). */
function whenIdle(task: () => void): void {
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(task, { timeout: 500 });
  else setTimeout(task, 50);
}

/** The value at a dotted path ("indicators.3.score") of plain data. */
function getPath(data: unknown, path: string): unknown {
  let v = data;
  for (const seg of path.split('.')) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[seg];
  }
  return v;
}

/** Set a dotted path of plain data whose parents exist (computed fields of existing rows/sections). */
function setPath(data: Record<string, unknown>, path: string, value: unknown): void {
  const segs = path.split('.');
  const last = segs.pop();
  const parent = getPath(data, segs.join('.'));
  if (segs.length === 0) data[last ?? ''] = value;
  else if (typeof parent === 'object' && parent !== null && last !== undefined) (parent as Record<string, unknown>)[last] = value;
}

/** Display text of every computed value; values that changed are written to the form and to `values`. */
function writeComputed(form: Form, values: FormValues, ev: FormEvaluation, meta: Map<string, FieldMeta>): Map<string, ComputedDisplay> {
  const display = new Map<string, ComputedDisplay>();
  for (const [path, value] of ev.computed) {
    const node = meta.get(toPattern(path))?.node;
    display.set(path, {
      text: formatScalar(value, { decimals: node !== undefined ? displayDecimals(node) : undefined, money: node?.['x-money'] === true }),
      error: typeof value === 'object' && value !== null && 'code' in value,
    });
    const json = scalarToJson(value);
    if (stableJson(getPath(values, path)) !== stableJson(json)) {
      form.setValuesIn(path, json);
      setPath(values, path, json);
    }
  }
  return display;
}

/**
 * The existing fields of a path pattern ("indicators.*.reason"), found through the data: a
 * lookup per row instead of a query matching the pattern against every field of the form. Row
 * cells and section fields have no void parent, so a field's address is its data path.
 */
function existingFields(form: Form, pattern: string, values: FormValues): Field[] {
  const out: Field[] = [];
  const segs = pattern.split('.');
  const walk = (i: number, prefix: string, data: unknown): void => {
    const seg = segs[i];
    if (seg === undefined) {
      const field = form.fields[prefix];
      if (field !== undefined && isField(field)) out.push(field);
    } else if (seg === '*') {
      if (Array.isArray(data)) data.forEach((row: unknown, k) => walk(i + 1, `${prefix}.${k}`, row));
    } else {
      const next = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[seg] : undefined;
      walk(i + 1, prefix === '' ? seg : `${prefix}.${seg}`, next);
    }
  };
  walk(0, '', values);
  return out;
}

/** x-visible and x-required-when on the existing fields; true when a field's visibility changed. */
function applyConditions(
  form: Form,
  values: FormValues,
  ev: FormEvaluation,
  conditional: ReadonlyArray<{ pattern: string; node: SchemaNode }>,
  meta: Map<string, FieldMeta>,
): boolean {
  let changed = false;
  for (const c of conditional) {
    existingFields(form, c.pattern, values).forEach((field) => {
      const path = field.address.toString();
      if (c.node['x-visible'] !== undefined) {
        const visible = !ev.hidden.has(path);
        if (field.visible !== visible) changed = true;
        field.visible = visible;
      }
      if (c.node['x-required-when'] !== undefined) {
        field.setDecoratorProps({ asterisk: (meta.get(c.pattern)?.required ?? false) || ev.requiredWhen.has(path) });
      }
    });
  }
  return changed;
}

function SaveStateTag({ state }: { state: SaveState }) {
  switch (state) {
    case 'dirty':
      return <Tag color="orange" data-testid="save-state">有未保存的修改</Tag>;
    case 'saving':
      return <Tag color="blue" data-testid="save-state">保存中…</Tag>;
    case 'saved':
      return <Tag color="green" data-testid="save-state">已保存</Tag>;
    case 'error':
      return <Tag color="red" data-testid="save-state">保存失败</Tag>;
    default:
      return null;
  }
}
