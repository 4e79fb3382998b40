import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import webpack from 'webpack';

// Taro always reads <cwd>/config/index.ts, so the CLI runs from miniprogram/ and writes to ../dist.
const root = path.resolve(__dirname, '..');
const sharedDir = path.resolve(root, '../shared');
const isH5 = process.env.TARO_ENV === 'h5';

/**
 * zod re-exports ~40 locales through `z.locales` (≈260 KB); we only use Chinese, so its locale index
 * is replaced by shared/zodLocalesStub.ts (the function bundler and the console do the same).
 */
type Chain = { plugin(name: string): { use(plugin: unknown, args: unknown[]): unknown } };
const slimZodLocales = (chain: Chain) =>
  chain.plugin('slim-zod-locales').use(webpack.NormalModuleReplacementPlugin, [
    /locales[\\/]index\.js$/,
    (resource: { context: string; request: string }) => {
      if (/[\\/]node_modules[\\/]zod[\\/]/.test(resource.context)) resource.request = path.join(sharedDir, 'zodLocalesStub.ts');
    },
  ]);

export default defineConfig<'webpack5'>(() => {
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'anxue',
    date: '2025-11-23',
    // Everything (our styles and NutUI's) is written in 375-wide px; deviceRatio maps it to rpx.
    designWidth: 375,
    deviceRatio: { 375: 2, 640: 2.34 / 2, 750: 1, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: path.resolve(root, isH5 ? '../dist/h5' : '../dist/miniprogram'),
    plugins: [],
    defineConstants: {
      // CloudBase env id baked in at build time (deploy scripts set it); empty = the env the
      // mini-program is opened with (wx.cloud.DYNAMIC_CURRENT_ENV).
      CLOUD_ENV: JSON.stringify(process.env.ANXUE_CLOUD_ENV ?? ''),
      // The console's base URL, for the certificate's verification QR code (deploy sets it).
      CONSOLE_URL: JSON.stringify(process.env.ANXUE_CONSOLE_URL ?? ''),
      // The 提醒 subscribe-message template (the same id as function learning's ANXUE_REMIND_TEMPLATE_ID);
      // empty = the course page never asks to subscribe.
      REMIND_TEMPLATE_ID: JSON.stringify(process.env.ANXUE_REMIND_TEMPLATE_ID ?? ''),
    },
    alias: { '@shared': sharedDir },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      // shared/ is plain TypeScript outside sourceRoot: it must be transpiled too.
      compile: { include: [sharedDir] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      optimizeMainPackage: { enable: true },
      // Our rules never depend on load order against NutUI (overrides use higher specificity),
      // and pages import shared components in different orders.
      miniCssExtractPluginOption: { ignoreOrder: true },
      webpackChain(chain) {
        slimZodLocales(chain);
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [sharedDir] },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      devServer: { port: 10086 },
      webpackChain(chain) {
        // Taro splits only initial chunks, so every lazily loaded page carried its own copy of
        // @tarojs/components and NutUI; split async chunks too so pages share them.
        const split = chain.optimization.get('splitChunks');
        if (split) chain.optimization.splitChunks({ ...split, chunks: 'all' });
        slimZodLocales(chain);
      },
    },
  };
  return config;
});
