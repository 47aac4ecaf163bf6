/**
 * 项目数据已更新: what this form took from the project when it was created (its x-project fields
 * and x-payments tables) has changed since — a payment recorded after the monitoring form was
 * started, a budget adjusted. The unit sees old → new and applies it with one save (the server's
 * ordinary PUT: validation, version check, history and audit as for any save).
 */
import { Alert, Button, message } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { getProjectData, saveSubmission, type ProjectDataChange } from '../../api/endpoints';
import type { SchemaNode } from '../../form/template-types';
import { useLoad } from '../common';
import { formatValue, nodeAt, parseDataPath } from './field-labels';

/** A change as one line: a table by its row count, a value as the form shows it. */
function changeText(schema: SchemaNode, c: ProjectDataChange): string {
  const node = nodeAt(schema, parseDataPath(c.path));
  const shown = (v: unknown): string => (Array.isArray(v) ? `${v.length} 行` : formatValue(node, v));
  return `${c.title}：${shown(c.current)} → ${shown(c.fresh)}`;
}

export function ProjectDataNotice({ submissionId, schema, onApplied }: { submissionId: number; schema: SchemaNode; onApplied: () => void }) {
  const offered = useLoad(() => getProjectData(submissionId), [submissionId]);
  const [busy, setBusy] = useState(false);
  const changes = offered.data?.changes ?? [];
  if (changes.length === 0) return null;

  const apply = async (): Promise<void> => {
    setBusy(true);
    try {
      // read again: the form may have been autosaved since the notice was shown
      const latest = await getProjectData(submissionId);
      await saveSubmission(submissionId, latest.data, latest.rowVersion);
      void message.success('已更新为项目最新数据');
      onApplied();
    } catch (e) {
      void message.error(`未能更新：${errorMessage(e)}`);
      offered.reload();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="project-data-notice"
      message="项目数据在本表创建后有更新"
      description={
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {changes.map((c) => (
            <li key={c.path} data-testid="project-data-change">
              {changeText(schema, c)}
            </li>
          ))}
        </ul>
      }
      action={
        <Button size="small" type="primary" loading={busy} onClick={() => void apply()} data-testid="project-data-apply">
          更新到本表
        </Button>
      }
    />
  );
}
