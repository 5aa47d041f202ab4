import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <main><h1>慕课西部行 · East-West Scheduler</h1></main>
  </StrictMode>,
);
