# 도움말 > nkmap 정보, `nkmap --version`: 어떤 빌드이며 어떤 자료를 담고 있는가.

about-version-line = nkmap { $version } (커밋 { $commit }), { $date } 기준 자료
about-unknown = 알 수 없음
help-menu = 도움말
about-menu-item = nkmap 정보
about-title = nkmap 정보
about-tagline = 지방발전 20×10 정책에 따른 북한 지방 건설 사업과 지도 위 모든 표시의 근거 보도를 보여 주는 지도.
about-version = 버전
about-commit = 커밋
about-data-as-of = 자료 기준일
about-data-as-of-hint = 내장된 출처 가운데 가장 최근의 발행일.
about-credits = 출처와 저작권
about-licence = nkmap은 MIT 또는 Apache 2.0 라이선스를 따르는 자유 소프트웨어입니다.
about-readme = README: 사용 안내
about-data-format = 자료 형식: 직접 파일 만들기
about-copy-version = 버전 복사
about-close = 닫기
