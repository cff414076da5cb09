import { render } from 'preact';
import { OptionsPage } from '../../components/OptionsPage.tsx';

const root = document.getElementById('app');
if (root) render(<OptionsPage />, root);
