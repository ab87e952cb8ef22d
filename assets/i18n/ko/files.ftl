# 파일 대화상자: 시스템 대화상자를 띄울 수 없을 때 쓰는 nkmap 자체 파일 탐색기.

files-open-data-title = 자료 열기
files-open-basemap-title = 배경지도 열기
files-save-records-title = 내 기록을 다른 이름으로 저장
files-export-title = 내보내기
files-filter-data = nkmap 자료
files-filter-basemap = PMTiles 배경지도 (래스터)
files-filter-geojson = GeoJSON
files-filter-png = PNG 이미지
files-filter-svg = SVG 이미지
files-filter-csv = CSV
files-folder = 폴더
files-up = 위로
files-home = 홈
files-name = 파일 이름
files-show-all = 모든 파일 보기
files-open = 열기
files-save = 저장
files-cancel = 취소
files-folder-entry = { $name } (폴더)
files-selected = 파일 { $n }개 선택됨
files-replace-question = { $name } 파일이 이미 있습니다. 바꿀까요?
files-replace = 바꾸기
files-empty-folder = 이 폴더에 맞는 파일이 없습니다.
files-cannot-read-folder = { $folder } 폴더를 읽을 수 없습니다: { $error }
files-native-unavailable = 시스템 파일 대화상자를 띄울 수 없어({ $reason }) nkmap 자체 파일 탐색기를 씁니다.
files-reason-no-bus = D-Bus 세션 버스가 없음: DBUS_SESSION_BUS_ADDRESS가 설정되지 않음
files-reason-bus = D-Bus 세션 버스에 연결할 수 없음: { $error }
files-reason-no-portal = 데스크톱 파일 선택 포털(xdg-desktop-portal)이 응답하지 않음: { $error }
files-reason-timeout = 데스크톱 파일 선택기가 { $seconds }초 안에 응답하지 않음
files-reason-failed = 시스템 파일 대화상자가 오류로 멈춤
files-reason-builtin = NKMAP_FILE_DIALOG=builtin 설정됨
files-filter-kml = 구글 어스 KML
files-filter-kmz = 구글 어스 KMZ
