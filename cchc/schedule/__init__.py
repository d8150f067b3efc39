"""When: Vietnamese time phrases read into dates, and each item's deadlines and state on a day.

Owns `timeexpr` (`Quý II/2024`, `Hàng tháng`, `Sau khi …` → a typed reading), `deadlines` (the
deadline occurrences of an item, the four national buckets, `item_due`) and `explain` (why cchc
reads a time the way it does). Knows nothing of agencies: "who" is `cchc.agencies`.
"""
