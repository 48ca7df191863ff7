import { installSameOriginFetch } from './same-origin-fetch';

// Quiet logs in tests unless asked for (LOG_LEVEL=debug npx jest …).
process.env.LOG_LEVEL ??= 'silent';
// Cookie-carrying POSTs from tests look like the browser's own same-origin requests (see same-origin-fetch.ts).
installSameOriginFetch();
