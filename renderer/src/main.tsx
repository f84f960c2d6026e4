import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import './app/theme.css';
import { App } from './app/App';

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
