/** `/projects/:id/new/:kind`: create the draft (the server picks the bound template) and open it. */
import { Spin } from 'antd';
import { useEffect, useState } from 'react';
import { createSubmission, type SubmissionKind } from '../api/endpoints';
import { navigate } from '../app/router';
import { ErrorBox, PageCard } from './common';

export function NewSubmissionPage({ projectId, kind, period }: { projectId: number; kind: SubmissionKind; period?: string }) {
  const [error, setError] = useState<unknown>(undefined);
  useEffect(() => {
    let live = true;
    createSubmission(projectId, kind, period).then(
      (s) => live && navigate(`/submissions/${s.id}`),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [projectId, kind, period]);
  return <PageCard>{error !== undefined ? <ErrorBox error={error} /> : <Spin tip="正在创建…" style={{ display: 'block', margin: 48 }} />}</PageCard>;
}
