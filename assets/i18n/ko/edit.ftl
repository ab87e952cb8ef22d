# 기록 편집기에서 저장을 눌렀을 때 저장하지 않는 까닭 (src/edit.rs).

edit-no-source = 출처가 필요합니다: 저장하기 전에 기존 출처를 고르거나 새 출처를 추가하십시오.
edit-field-problem = { $field }: { $problem }
edit-source-date = 출처 날짜
edit-unknown-source = 출처 '{ $id }'을(를) 찾을 수 없습니다. 다른 출처를 고르십시오.
edit-new-source-incomplete = 새 출처에는 발행처와 제목이 있어야 합니다(제목이 없으면 [대괄호] 안에 설명을 쓰십시오).
edit-no-locator = 출처의 어디에 그 내용이 있는지(위치 표시) 쓰십시오. 예: "5번째 문단", "사진 설명".
edit-site-no-name = 시설의 이름이 없습니다.
edit-flow-no-who = 동원 흐름에 동원 대상이 없습니다.
edit-site-no-place = 시설의 위치가 없습니다(시·군 이름, 표기 무관).
edit-flow-no-place = 동원 흐름에 출발지가 없습니다.
edit-cohort-not-year = 대상 연도 '{ $value }'은(는) 연도가 아닙니다
edit-not-a-number = { $field } '{ $value }'은(는) 숫자가 아닙니다
edit-flow-no-destination = 동원 흐름에 목적지가 하나 이상 있어야 합니다.
edit-not-read-back = 기록 '{ $id }'을(를) 다시 읽을 수 없습니다
