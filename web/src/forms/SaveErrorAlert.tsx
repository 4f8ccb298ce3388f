import { Alert, Button } from 'antd';

interface SaveErrorAlertProps {
  /** The save lost a race (HTTP 409): offer to load the latest version. */
  conflict: boolean;
  error: string | null;
  /** What was changed by someone else, e.g. `工作时间` or `该目标`. */
  subject: string;
  /** What the reload brings back, e.g. `设置` or `目标`. */
  latest: string;
  onReload(): void;
  reloading: boolean;
  testId?: string;
}

/**
 * The error shown above an edit form: a plain failure, or a conflict with another editor
 * (optimistic concurrency) with a button that loads the latest version.
 */
export function SaveErrorAlert({ conflict, error, subject, latest, onReload, reloading, testId }: SaveErrorAlertProps) {
  if (conflict) {
    return (
      <Alert
        type="error"
        showIcon
        title={`保存冲突:${subject}已被他人修改`}
        description={
          <>
            <div>{error}</div>
            <div>{`请先载入最新${latest},核对后再保存;您填写的内容将被最新值替换。`}</div>
          </>
        }
        action={
          <Button size="small" danger onClick={onReload} loading={reloading}>
            载入最新
          </Button>
        }
        style={{ marginBottom: 16 }}
        data-testid={testId}
      />
    );
  }
  return error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null;
}
