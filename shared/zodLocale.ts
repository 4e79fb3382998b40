import { z } from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.js';

// Default validation messages in Chinese for both clients and the functions; importing the one
// locale (not z.locales) keeps the mini-program bundle small.
z.config(zhCN());
