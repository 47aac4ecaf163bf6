/** Domain helpers of budget performance management (GRADE …). Filled by the scoring work. */
import type { FunctionDecl } from './types';

export const DOMAIN_FUNCTIONS: FunctionDecl[] = [];
