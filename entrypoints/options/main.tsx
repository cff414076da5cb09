// Options page entry: renders the settings form.
import { render } from 'preact';
import { OptionsPage } from '../../components/options/OptionsPage.tsx';
import { uiOptions } from '../../lib/shared/i18n/ui.ts';
import { setPageLanguage } from '../../lib/ui/page-language.ts';
import '../../assets/styles/extension-page.css';
import '../../assets/styles/options-glance.css';

setPageLanguage(uiOptions.title);
const root = document.getElementById('app');
if (root) render(<OptionsPage />, root);
