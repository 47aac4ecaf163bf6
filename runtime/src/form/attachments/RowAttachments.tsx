/**
 * The 附件 cell of an indicator row: a paperclip with the row's attachment count, opening a modal
 * with the row's list (upload and delete when editable).
 */
import { PaperClipOutlined } from '@ant-design/icons';
import { Button, Modal } from 'antd';
import { useState } from 'react';
import { AttachmentPanel } from './AttachmentPanel';
import { useAttachments } from './context';

export function RowAttachmentsButton({ field, rowNumber }: { field: string; rowNumber: number }) {
  const ctx = useAttachments();
  const [open, setOpen] = useState(false);
  if (ctx === null) return null;
  const count = ctx.counts.get(field) ?? 0;
  return (
    <>
      <Button
        size="small"
        type={count > 0 ? 'link' : 'text'}
        icon={<PaperClipOutlined />}
        onClick={() => setOpen(true)}
        data-testid="row-attachments"
        data-field={field}
        data-count={count}
        title={`第 ${rowNumber} 行的附件`}
      >
        {count}
      </Button>
      {open ? (
        <Modal visible title={`第 ${rowNumber} 行的附件`} footer={null} width={720} onCancel={() => setOpen(false)} destroyOnClose>
          <AttachmentPanel field={field} testId="row-attachments-panel" />
        </Modal>
      ) : null}
    </>
  );
}
