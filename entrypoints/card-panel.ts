// The summary panel, loaded by the content script with import() the first time a card shows one
// (built as an ES module and listed in web_accessible_resources; see wxt.config.ts).
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { mountFallbackList } from '../lib/page/fallback-list.ts';
import type { PanelCode } from '../lib/page/lazy-code.ts';
import { placePanel } from '../lib/page/panel-placement.ts';
import { drawPanel } from '../lib/page/summary-panel.ts';
import { describeSummaryError } from '../lib/shared/summary/error-messages.ts';
import { sanitizeSummaryHtml } from '../lib/shared/summary/render.ts';

export default defineUnlistedScript(
  (): PanelCode => ({
    drawPanel,
    placePanel,
    mountFallbackList,
    deepEnv: { sanitize: sanitizeSummaryHtml, describeError: describeSummaryError },
  }),
);
