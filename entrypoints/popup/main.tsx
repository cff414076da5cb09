// Toolbar popup entry: renders the popup for the current tab.
import { render } from 'preact';
import { Popup } from '../../components/Popup.tsx';
import '../options/style.css';
import './style.css';

const root = document.getElementById('app');
if (root) render(<Popup />, root);
