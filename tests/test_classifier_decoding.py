"""Direction-consistent decoding: the family from the classifier, the side from the paragraph's words."""
from milpsynth.classifier.decoding import aligned_type


def test_a_bound_on_the_wrong_side_moves_to_its_partner():
    text = "The number of trips using a boat must be less than or equal to 40% of the total number of trips."
    assert aligned_type(text, 8) == (4, "type 8 -> 4: the paragraph says '<='")
    assert aligned_type("The total number of trips cannot be less than 20.", 2)[0] == 6
    assert aligned_type("At most 5 shuttle buses can be used.", 5)[0] == 1


def test_agreeing_unclear_or_other_types_stay():
    assert aligned_type("At most 5 shuttle buses can be used.", 1) == (1, "")
    assert aligned_type("Each van carries 40 parcels.", 3) == (3, "")                 # no cue
    assert aligned_type("at most 8 manual and at least 5 electric jacks", 6) == (6, "")   # mixed cues
    assert aligned_type("At most 5 buses, if any vans are used.", 10) == (10, "")      # logic type
    assert aligned_type("Vans must be at most twice the trucks.", 9) == (9, "")        # comparison
