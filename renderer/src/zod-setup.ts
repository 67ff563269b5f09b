import { z } from 'zod';

// Zod 4 probes `new Function` to compile fast parsers; the renderer's CSP forbids eval,
// so turn that off before any schema parses (otherwise the probe logs a CSP violation).
z.config({ jitless: true });
