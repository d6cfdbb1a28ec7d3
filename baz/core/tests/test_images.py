"""An image is stored only with alt text: one rule for stories, atlas entries and partners."""

import pytest
from django.core.exceptions import ValidationError

from baz.core.images import ALT_TEXT_REQUIRED, require_alt_text


def test_an_image_without_alt_text_is_refused_on_the_alt_field():
    with pytest.raises(ValidationError) as caught:
        require_alt_text(image=7, alt="   ", alt_field="image_alt")

    assert caught.value.message_dict == {"image_alt": [str(ALT_TEXT_REQUIRED)]}


@pytest.mark.parametrize(("image", "alt"), [(7, "Een soepkom op tafel."), (None, ""), (None, None)])
def test_alt_text_with_an_image_or_no_image_at_all_is_fine(image, alt):
    require_alt_text(image=image, alt=alt, alt_field="image_alt")
