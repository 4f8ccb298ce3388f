/**
 * Validation messages in Chinese: zod's own zh-CN locale for every message a schema does
 * not word itself. Imported once by each entry point (server, CLI).
 */
import { z } from 'zod';

z.config(z.locales.zhCN());
