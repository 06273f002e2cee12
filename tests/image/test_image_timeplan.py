"""TimePlan: the 9-hour limit shared by the descriptions left, images per description adapting to measured speed."""
from __future__ import annotations

import pytest
from svgllm.backends.image.timeplan import TimePlan


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_time_per_description_shares_what_is_left():
    clock = Clock()
    plan = TimePlan(total_hours=1.0, descriptions=100, time_share=0.5, max_images=8, clock=clock)
    assert plan.seconds_per_description() == pytest.approx(18.0)  # 1,800 s planned / 100
    clock.now += 900  # a slow start-up eats half the planned time
    plan.loaded()
    assert plan.startup_s == 900
    assert plan.seconds_per_description() == pytest.approx(9.0)
    for _ in range(50):
        plan.finished()
    assert plan.seconds_per_description() == pytest.approx(18.0)  # 900 s left for 50


def test_images_follow_the_measured_speed_and_the_cap():
    plan = TimePlan(total_hours=9.0, descriptions=500, max_images=8, clock=Clock())
    assert plan.images_within(5.0) == 8  # nothing measured yet: the cap
    plan.record(images=4, seconds=8.0)  # 2 s per image
    assert plan.seconds_per_image == pytest.approx(2.0)
    assert plan.images_within(7.0) == 3
    assert plan.images_within(100.0) == 8
    assert plan.images_within(1.0) == 0
    plan.record(images=2, seconds=8.0)  # slower now: 4 s per image, smoothed
    assert 2.0 < plan.seconds_per_image < 4.0


def test_projection_reports_start_up_speed_and_hours():
    clock = Clock()
    plan = TimePlan(total_hours=9.0, descriptions=500, max_images=8, clock=clock)
    assert "no image measured" in str(plan.projection())
    clock.now += 120
    plan.loaded()
    plan.record(images=8, seconds=4.0)  # 0.5 s per image: the cap binds
    projection = plan.projection()
    assert projection.images_per_description == 8
    assert projection.projected_hours == pytest.approx((120 + 500 * 8 * 0.5) / 3600)
    assert "8 images per description" in str(projection) and "9.0 h" in str(projection)
