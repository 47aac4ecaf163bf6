/** The signed-in user and the department being worked on (department switcher). */
import { createContext, useContext } from 'react';
import type { Department, Me } from '../api/endpoints';

export interface Session {
  me: Me;
  departments: Department[];
  /** Department code the pages work on (the user's own by default). */
  department: string;
  setDepartment(code: string): void;
  /** Fiscal year the pages work on. */
  year: number;
  setYear(year: number): void;
  can(permission: string): boolean;
  /** Reads the departments again (after 部门管理 changed them). */
  reloadDepartments(): Promise<void>;
  logout(): Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (s === null) throw new Error('useSession outside <SessionContext.Provider>');
  return s;
}

export function departmentName(session: Session, code: string): string {
  return session.departments.find((d) => d.code === code)?.name ?? code;
}
