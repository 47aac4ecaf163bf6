/** zh-CN everywhere: antd ConfigProvider, moment locale, Formily validation language, styles. */
import 'antd/dist/antd.css';
import '../styles.css';
import { setValidateLanguage } from '@formily/core';
import { ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import moment from 'moment';
import 'moment/locale/zh-cn';
import type { ReactNode } from 'react';

let localeReady = false;

export function setupLocale(): void {
  if (localeReady) return;
  localeReady = true;
  moment.locale('zh-cn');
  setValidateLanguage('zh-CN');
}

export function AppProviders({ children }: { children: ReactNode }) {
  setupLocale();
  return <ConfigProvider locale={zhCN}>{children}</ConfigProvider>;
}
