import { InboxOutlined } from '@ant-design/icons';
import { Alert, Upload } from 'antd';

interface FileDropZoneProps {
  accept: string;
  uploading: boolean;
  /** The file being (or last) imported. */
  fileName: string | null;
  /** The last import's failure, if any. */
  error: string | null;
  onFile(file: File): void;
  /** The prompt when idle, e.g. `点击或拖拽文件到此处导入`. */
  prompt: string;
  hint: string;
  testId?: string;
}

/** A drop zone for one import file, with the failure of the last import under it. */
export function FileDropZone({ accept, uploading, fileName, error, onFile, prompt, hint, testId }: FileDropZoneProps) {
  return (
    <>
      <Upload.Dragger
        accept={accept}
        multiple={false}
        showUploadList={false}
        disabled={uploading}
        beforeUpload={(file) => {
          onFile(file);
          // The file is sent by onFile; antd must not upload it itself.
          return Upload.LIST_IGNORE;
        }}
        data-testid={testId}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{uploading ? `正在导入 ${fileName ?? ''}…` : prompt}</p>
        <p className="ant-upload-hint">{hint}</p>
      </Upload.Dragger>
      {error && <Alert type="error" showIcon title={`导入失败${fileName ? `(${fileName})` : ''}:${error}`} />}
    </>
  );
}
