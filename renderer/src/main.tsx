import './zod-setup';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connect } from './api/connect';
import { applyColorScheme, currentColorScheme } from './app/color-scheme';
import { Root } from './app/Root';
import './styles/app.css';

// Paint in the OS colour scheme from the first frame (no flash of light in dark mode).
applyColorScheme(currentColorScheme());

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <Root connection={connect()} />
  </StrictMode>,
);
