"""The provinces the delegate tests register from: one of the 34 current units each."""

import pytest

from tests import factories


@pytest.fixture
def lam_dong():
    return factories.current_province("Tỉnh Lâm Đồng")


@pytest.fixture
def hanoi():
    return factories.current_province("Thành phố Hà Nội")
