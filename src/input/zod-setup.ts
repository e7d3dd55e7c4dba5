/**
 * Configures zod for the workflow sandbox. The worker preloads this module into the shared workflow
 * context, so zod's modules are evaluated once per workflow thread instead of once per workflow run.
 * The worker freezes the shared copy after this module runs, so zod's global configuration must be
 * complete by then.
 */
import { z } from 'zod';

// zod 4 compiles parsers with `new Function` unless configured otherwise. Workflow sandboxes and strict CSPs
// forbid or penalise that, and the interpreted path is fast enough for inputs of this size.
z.config({ jitless: true });

// zod 4.6 sets its default locale when it constructs its first schema, and its default memoizer when it
// constructs its first container schema (object, array, record…). Constructing one here sets both
// before the configuration is frozen: a later write would throw inside every workflow run.
z.object({});
