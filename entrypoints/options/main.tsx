// Options page entry: renders the settings form.
import { render } from 'preact';
import { OptionsPage } from '../../components/options/OptionsPage.tsx';
import '../../assets/styles/extension-page.css';
import '../../assets/styles/options-glance.css';

const root = document.getElementById('app');
if (root) render(<OptionsPage />, root);
