using Microsoft.EntityFrameworkCore;
using Platform.Dividends.Data;
using Platform.Dividends.Payouts;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Text;
using Api = Platform.Contracts.Dividends.V1;

namespace Platform.Dividends.Members;

/// <summary>Records how a member is paid. A bank transfer needs the holder's ID card number (the bank matches it); it leaves the service masked.</summary>
internal static class PaymentDetailsRules
{
    public static async Task<Api.PaymentDetails> SetAsync(DividendsDb db, Api.SetPaymentDetailsRequest request, DateTime now, CancellationToken ct)
    {
        var cooperative = await CooperativeRules.KnownCooperativeAsync(db, request.CooperativeCode, ct);
        var method = PayoutMapping.Method(request.Method);
        var account = PayoutMapping.Account(method, request.Account);
        var holder = Input.Text(request.AccountHolder, "account_holder", "account holder's name", 100);
        var idNumber = IdCardNumber.Normalise(request.IdCardNumber, "id_card_number");
        if (method == PayoutMethod.BankTransfer && idNumber is null)
        {
            throw DomainException.Invalid("ID_CARD_NUMBER_REQUIRED",
                "A bank transfer needs the account holder's ID card number: the bank checks it against the account.", "id_card_number");
        }

        await CooperativeRules.KnownMemberAsync(db, cooperative, request.MemberId, ct);
        var details = await db.PaymentDetails.FirstOrDefaultAsync(p => p.MemberId == request.MemberId, ct);
        if (details is null)
        {
            details = new PaymentDetails { MemberId = request.MemberId, CooperativeCode = cooperative, AccountHolder = holder };
            db.PaymentDetails.Add(details);
        }

        details.Method = method;
        details.Account = account;
        details.AccountHolder = holder;
        details.IdCardNumber = idNumber;
        details.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            throw DomainException.Precondition("PAYMENT_DETAILS_CHANGED",
                $"Member {request.MemberId}'s payment details were recorded by someone else meanwhile; read them and try again.");
        }

        return ToApi(details);
    }

    public static Api.PaymentDetails ToApi(PaymentDetails d) => new()
    {
        MemberId = d.MemberId,
        Method = (Api.PayoutMethod)(int)d.Method,
        Account = d.Account ?? string.Empty,
        AccountHolder = d.AccountHolder,
        IdCardNumber = IdCardNumber.Mask(d.IdCardNumber),
    };
}
