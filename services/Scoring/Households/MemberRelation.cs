namespace Platform.Scoring.Households;

/// <summary>与户主关系; the values are those of the API's MemberRelation.</summary>
internal enum MemberRelation
{
    Head = 1,
    Spouse = 2,
    Child = 3,
    ChildInLaw = 4,
    Grandchild = 5,
    Parent = 6,
    Grandparent = 7,
    Sibling = 8,
    Other = 9,
}
