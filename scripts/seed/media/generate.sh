#!/bin/bash
# Regenerates the demo seed's course media from the HTML sources in src/ (all made by this project:
# no third-party media). Needs Debian's chromium, ffmpeg and fonts-noto-cjk:
#   apt-get install -y chromium ffmpeg fonts-noto-cjk && bash scripts/seed/media/generate.sh
# The outputs are committed, so neither npm start nor the tests need ffmpeg.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$here/src
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chrome() { chromium --headless --no-sandbox --disable-gpu --hide-scrollbars "$@" 2>/dev/null; }

# A 30 s video: three 640×360 slides, 10 s each, a progress bar along the bottom; H.264 baseline (plays in WeChat and browsers).
slide() { chrome --window-size=640,360 --screenshot="$tmp/$1.png" "file://$src/slide.html?t=$2&p=$3"; }
slide s1 "安全生产第一课" "生命至上，安全第一。<br>本视频由安学项目自制，用于演示。"
slide s2 "三不伤害原则" "不伤害自己 · 不伤害他人<br>不被他人伤害"
slide s3 "发现隐患，立即报告" "隐患险于明火，防范胜于救灾。<br>学习完成后请参加考试。"
ffmpeg -y -loglevel error -loop 1 -t 10 -i "$tmp/s1.png" -loop 1 -t 10 -i "$tmp/s2.png" -loop 1 -t 10 -i "$tmp/s3.png" \
  -filter_complex "[0][1][2]concat=n=3:v=1:a=0,fps=15,drawbox=x=0:y=ih-6:w=iw*t/30:h=6:color=0xffc53d@1:t=fill,format=yuv420p[v]" \
  -map "[v]" -c:v libx264 -profile:v baseline -crf 28 -preset veryslow -movflags +faststart "$here/safety-intro.mp4"

# A 4-page A4 handbook (PDF).
chrome --no-pdf-header-footer --print-to-pdf="$here/handbook.pdf" "file://$src/handbook.html"

# 480×270 course covers.
cover() {
  chrome --window-size=480,270 --screenshot="$tmp/$1.png" "file://$src/cover.html?k=$2&t=$3&bg=$4"
  ffmpeg -y -loglevel error -i "$tmp/$1.png" -q:v 4 "$here/$1.jpg"
}
cover cover-required "必学必训" "安全生产第一课" "%23c23b22"
cover cover-knowledge "应知应会" "从业人员权利与义务" "%231d5fbf"
cover cover-elective "自主学习" "事故应急常识" "%2318865b"
