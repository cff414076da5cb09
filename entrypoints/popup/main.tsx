// Toolbar popup entry: renders the popup for the current tab.
import { render } from 'preact';
import { Popup } from '../../components/popup/Popup.tsx';
import { setPageLanguage } from '../../lib/ui/page-language.ts';
import '../../assets/styles/extension-page.css';
import '../../assets/styles/popup.css';

setPageLanguage();
const root = document.getElementById('app');
if (root) render(<Popup />, root);
