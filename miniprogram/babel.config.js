// babel-preset-taro reads .browserslistrc from the cwd (miniprogram/).
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
  plugins: [
    [
      'import',
      {
        // On-demand NutUI: import only the components used, each with its prebuilt CSS.
        // The option is `style` (a function); `customStyle` is silently ignored.
        libraryName: '@nutui/nutui-react-taro',
        customName: (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}`,
        style: (p) => `${p}/style/css`,
        camel2DashComponentName: false,
      },
      'nutui-react-taro',
    ],
  ],
};
