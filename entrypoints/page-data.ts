// The page's data and the message schemas, loaded by the content script with import() when a card
// is summarised, the run is estimated or the popup asks (an ES module; see wxt.config.ts).
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { pageDataCode } from '../lib/page/page-data-code.ts';

export default defineUnlistedScript(() => pageDataCode);
