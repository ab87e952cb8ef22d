# nkmap: 인터페이스 한국어. 파일마다 앱의 한 부분을 맡는다.

data-as-of = { $date } 기준 자료
