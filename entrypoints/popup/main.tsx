// Toolbar popup entry: renders the popup for the current tab.
import { render } from 'preact';
import { Popup } from '../../components/popup/Popup.tsx';
import '../../assets/styles/extension-page.css';
import '../../assets/styles/popup.css';

const root = document.getElementById('app');
if (root) render(<Popup />, root);
