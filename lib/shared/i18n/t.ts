// The one way code reads a UI string: the browser's i18n API through @wxt-dev/i18n, typed by the
// message names in assets/locales/ko.yml (a missing name or substitution fails tsc).
import { i18n } from '#i18n';

export const { t } = i18n;

/**
 * A surface's strings, read when its module loads. Called as `/* @__PURE__ *\/ surface(…)` so a
 * bundle that never shows a surface drops it whole, as it dropped unused string literals before.
 */
export function surface<T>(build: () => T): T {
  return build();
}
