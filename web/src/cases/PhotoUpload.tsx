/**
 * Photos (and PDFs) for a case or an action: each file goes to `POST /api/case-attachments`
 * as soon as it is chosen; the control's value is the ids of the files uploaded so far.
 */
import { CameraOutlined, PlusOutlined } from '@ant-design/icons';
import { Image, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { uploadAttachment } from './api';
import type { Attachment } from './types';

/** Props of {@link PhotoUpload}; `value`/`onChange` make it a Form control. */
export interface PhotoUploadProps {
  value?: string[];
  onChange?: (ids: string[]) => void;
  /** Also take PDFs (the intake form); photos only otherwise. */
  allowPdf?: boolean;
  /** Opens the rear camera on phones (`capture="environment"`). */
  camera?: boolean;
  max?: number;
  /** Reports whether an upload is under way, so a form can wait for it. */
  onBusyChange?: (busy: boolean) => void;
  id?: string;
}

/** The ids of the files whose upload finished. */
function uploadedIds(files: UploadFile<Attachment>[]): string[] {
  return files.flatMap((f) => (f.status === 'done' && f.response ? [f.response.id] : []));
}

/** A picture wall that uploads each file as it is added. */
export function PhotoUpload({ value, onChange, allowPdf = false, camera = false, max = 9, onBusyChange, id }: PhotoUploadProps) {
  const [files, setFiles] = useState<UploadFile<Attachment>[]>([]);
  const [preview, setPreview] = useState<string | null>(null);

  // A form reset clears the value; the list follows.
  if (onChange && (value ?? []).length === 0 && files.some((f) => f.status === 'done')) setFiles([]);

  const update = (next: UploadFile<Attachment>[]) => {
    setFiles(next);
    onBusyChange?.(next.some((f) => f.status === 'uploading'));
    onChange?.(uploadedIds(next));
  };

  return (
    <>
      <Upload<Attachment>
        id={id}
        listType="picture-card"
        accept={allowPdf ? 'image/jpeg,image/png,image/webp,application/pdf' : 'image/*'}
        capture={camera ? 'environment' : undefined}
        multiple={!camera}
        fileList={files}
        maxCount={max}
        onChange={({ fileList }) => update(fileList)}
        customRequest={({ file, onSuccess, onError }) => {
          uploadAttachment(file as File)
            .then((attachment) => onSuccess?.(attachment))
            .catch((error: unknown) => onError?.(new Error(errorMessage(error))));
        }}
        onPreview={(file) => setPreview(file.thumbUrl ?? file.url ?? null)}
        data-testid="photo-upload"
      >
        {files.length < max && (
          <button type="button" style={{ border: 0, background: 'none', cursor: 'pointer' }}>
            {camera ? <CameraOutlined style={{ fontSize: 22 }} /> : <PlusOutlined />}
            <div style={{ marginTop: 6 }}>{camera ? '拍照/选图' : '上传'}</div>
          </button>
        )}
      </Upload>
      {preview && (
        <Image
          style={{ display: 'none' }}
          src={preview}
          preview={{ open: true, src: preview, onOpenChange: (open) => !open && setPreview(null) }}
        />
      )}
    </>
  );
}
