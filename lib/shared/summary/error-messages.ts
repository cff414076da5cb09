// What the user reads for each error kind, and the one next step offered with it.

import type { SummaryError } from '../domain.ts';
import { uiErrors } from '../i18n/ui.ts';

/**
 * `openReader`: the arXiv permission is asked for on the reader page (content scripts cannot ask);
 * `none`: nothing to do about it (arXiv has no full text), the abstract summary stays.
 */
export type NextStep = 'openOptions' | 'retry' | 'billing' | 'reload' | 'openReader' | 'none';

export interface ErrorDescription {
  message: string;
  nextStep: NextStep;
  /** Seconds to wait before retrying helps (rate limits). */
  waitSeconds: number | null;
}

const NEXT_STEP: Record<SummaryError['kind'], NextStep> = {
  noKey: 'openOptions',
  badKey: 'openOptions',
  originBlocked: 'retry',
  priceUnknown: 'openOptions',
  notCompatible: 'openOptions',
  auth: 'openOptions',
  permission: 'openOptions',
  modelNotFound: 'openOptions',
  badRequest: 'openOptions',
  endpointPermission: 'openOptions',
  network: 'retry',
  quota: 'billing',
  rateLimited: 'retry',
  timeout: 'retry',
  server: 'retry',
  streamBroken: 'retry',
  badOutput: 'retry',
  truncated: 'retry',
  budget: 'openOptions',
  paperMissing: 'reload',
  extensionReloaded: 'reload',
  arxivPermission: 'openReader',
  fullTextMissing: 'none',
  fullTextUnreadable: 'none',
  fullTextNetwork: 'retry',
  unknown: 'retry',
};

export function describeSummaryError(error: SummaryError): ErrorDescription {
  const waitSeconds =
    error.kind === 'rateLimited' && error.retryAfterMs !== undefined
      ? Math.max(1, Math.ceil(error.retryAfterMs / 1000))
      : null;
  const message = error.kind === 'rateLimited' ? uiErrors.rateLimited(waitSeconds) : uiErrors[error.kind];
  return { message, nextStep: NEXT_STEP[error.kind], waitSeconds };
}
