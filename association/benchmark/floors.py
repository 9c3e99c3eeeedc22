"""The two floors every page is compared with: what Django costs before the site does anything.

- `five_kilobytes`: a view returning 5 KB of text, through the whole middleware stack;
- `loop_80`: a view rendering a template that loops over 80 items (a link, a name and a
  year each), the least a list page with 80 entries costs.
"""

from django.http import HttpResponse
from django.shortcuts import render

FIVE_KILOBYTES = ("x" * 79 + "\n") * 64

ITEMS = [
    {"url": f"/en/items/{number}/", "name": f"Item number {number}", "year": 1996 + number % 30}
    for number in range(80)
]


def five_kilobytes(request):
    return HttpResponse(FIVE_KILOBYTES, content_type="text/plain; charset=utf-8")


def loop_80(request):
    return render(request, "benchmark/loop_80.html", {"items": ITEMS})
