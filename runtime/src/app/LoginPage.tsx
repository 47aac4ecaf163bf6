/** 登录. */
import { Alert, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { login, type Me } from '../api/endpoints';

export function LoginPage({ onLogin, title = '预算绩效管理系统' }: { onLogin: (me: Me) => void; title?: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { username: string; password: string }): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      onLogin(await login(v.username, v.password));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '登录失败');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="jx-login">
      <Card title={title}>
        {error !== null ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="login-error" /> : null}
        <Form layout="vertical" onFinish={(v: { username: string; password: string }) => void submit(v)}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input autoComplete="username" id="login-username" />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password autoComplete="current-password" id="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}
