// Options page entry: renders the settings form.
import { render } from 'preact';
import { OptionsPage } from '../../components/OptionsPage.tsx';
import './style.css';
import './glance.css';

const root = document.getElementById('app');
if (root) render(<OptionsPage />, root);
